import type { SupervisionActivityKind } from "../../contract/enums.ts";
import type { GroupReportData } from "../domain/groups/group.queries.ts";
import { chineseDate, docxFileName, type OfficialDocument, renderOfficialDocument } from "./official-doc.ts";

/** Chinese names of the activity kinds, as official documents write them. */
export const ACTIVITY_KIND_ZH: Record<SupervisionActivityKind, string> = {
  briefing: "听取汇报",
  document_review: "查阅资料",
  interview: "个别谈话",
  symposium: "座谈会",
  site_visit: "实地查看",
  unannounced_visit: "暗访",
  spot_check: "随机抽查",
};

/** How an activity reads in a sentence: "在兴宁区召开座谈会". */
const ACTIVITY_VERB_ZH: Record<SupervisionActivityKind, string> = {
  briefing: "听取汇报",
  document_review: "查阅资料",
  interview: "开展个别谈话",
  symposium: "召开座谈会",
  site_visit: "实地查看",
  unannounced_visit: "开展暗访",
  spot_check: "开展随机抽查",
};

const ORDINALS = "一二三四五六七八九十";
const ordinal = (n: number): string =>
  n <= 10 ? ORDINALS[n - 1] : n < 20 ? `十${ORDINALS[n - 11]}` : String(n);

/** The sentence of figures, e.g. "共开展活动 6 次，其中实地查看 3 次、座谈会 1 次，深入 4 个点位". */
export function figuresSentence(d: GroupReportData): string {
  const f = d.figures;
  const kinds = (Object.entries(f.byKind) as [SupervisionActivityKind, number][])
    .filter(([, n]) => n > 0)
    // the most frequent first; ties keep the order of the kinds
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${ACTIVITY_KIND_ZH[k]} ${n} 次`);
  const parts = [`共开展活动 ${f.activities} 次`];
  if (kinds.length > 0) parts.push(`其中${kinds.join("、")}`);
  if (f.places > 0) parts.push(`深入 ${f.places} 个点位`);
  const open = f.findings - f.converted;
  const found = `发现问题 ${f.findings} 个，已转为整改问题 ${f.converted} 个${
    f.closed > 0 ? `（其中已销号 ${f.closed} 个）` : ""
  }${open > 0 ? `，${open} 个待转办` : ""}。`;
  return `${parts.join("，")}，${found}`;
}

/** The report as an official document: figures computed from the records, then each activity and finding. */
export function supervisionReportDocument(d: GroupReportData): OfficialDocument {
  const points = d.contactPoints.map((p) => p.name).join("、") || d.orgName;
  const members = d.members.filter((m) => !m.isLeader).map((m) => m.name);
  const paragraphs = [
    `根据工作安排，${d.name}（组长：${d.leader.name}${members.length ? `；成员：${members.join("、")}` : ""}）于${chineseDate(
      d.startsOn,
    )}至${chineseDate(d.endsOn)}对${points}开展督导。现将有关情况报告如下。`,
    "一、督导工作开展情况",
    figuresSentence(d),
    ...d.activities.map(
      (a, i) =>
        `（${ordinal(i + 1)}）${chineseDate(a.heldOn)}，在${a.placeOrgName ?? a.place}${
          a.placeOrgName && a.place !== a.placeOrgName ? `（${a.place}）` : ""
        }${ACTIVITY_VERB_ZH[a.kind]}${a.participants.length ? `，参加人员：${a.participants.join("、")}` : ""}${
          a.findings.length ? `，发现问题 ${a.findings.length} 个` : ""
        }。${a.summary ?? ""}`,
    ),
    "二、发现的主要问题",
  ];
  const findings = d.activities.flatMap((a) => a.findings).sort((x, y) => x.seqNo - y.seqNo);
  if (findings.length === 0) paragraphs.push("本次督导未发现问题。");
  for (const [i, f] of findings.entries()) {
    const notes = [
      f.orgName ? `涉及单位：${f.orgName}` : null,
      f.problem ? `已转为整改问题 ${f.problem.code}` : "待转办",
    ]
      .filter(Boolean)
      .join("；");
    paragraphs.push(`${i + 1}. ${f.text}（${notes}）`);
  }
  if (d.plan.trim()) paragraphs.push("三、督导工作方案", ...d.plan.trim().split(/\n+/));
  return {
    issuer: d.name,
    title: `关于${points}督导情况的报告`,
    addressee: d.orgName,
    paragraphs,
    date: d.today,
  };
}

/** The group report as .docx bytes with its file name. */
export async function renderSupervisionReport(
  d: GroupReportData,
): Promise<{ fileName: string; bytes: Buffer }> {
  const doc = supervisionReportDocument(d);
  return { fileName: docxFileName(doc.title), bytes: await renderOfficialDocument(doc) };
}
