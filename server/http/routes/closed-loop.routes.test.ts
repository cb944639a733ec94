import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../../test/support.ts";

let t: TestApp;
let campaignId: string;
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

beforeEach(async () => {
  t = await testApp();
  campaignId = (await t.build.campaign()).id;
  await t.build.user({ username: "zgb", roles: [["coordinator", "450000"]] });
  await t.build.user({ username: "ddz", roles: [["supervisor", "450000"]] });
  await t.build.user({ username: "nanning", roles: [["unit_lead", "450100"]] });
  await t.build.user({ username: "xingning", roles: [["unit_staff", "450102"]] });
  await t.build.user({ username: "qingxiu", roles: [["unit_staff", "450103"]] });
  await t.build.user({ username: "liuzhou", roles: [["unit_lead", "450200"]] });
});
afterEach(() => t.close());

type Caller = Awaited<ReturnType<TestApp["as"]>>;

async function upload(call: Caller, name: string, bytes: Buffer) {
  const boundary = "----rectify";
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: "POST",
    url: "/api/v1/attachments",
    payload: body,
    headers: { ...call.headers, "content-type": `multipart/form-data; boundary=${boundary}` },
  });
  return res;
}

/** Registration → assignment → measure → tasks → reports → close-out → review, through the API alone. */
async function toPublicReview() {
  const zgb = await t.as("zgb");
  const nanning = await t.as("nanning");
  const xingning = await t.as("xingning");
  const qingxiu = await t.as("qingxiu");
  const ddz = await t.as("ddz");
  const reg = await zgb("POST", "/api/v1/problems", {
    campaignId,
    sourceType: "research",
    title: "村级党组织带头人队伍老化",
    description: "部分村党组织书记年龄偏大，带富能力不强",
    portrait: { symptoms: ["书记平均年龄58岁", "三年无新发展党员"] },
    rectifyType: "deadline",
    target: "配齐配强村党组织书记",
    acceptanceStandard: "书记平均年龄下降，带头人队伍结构优化",
  });
  expect(reg.statusCode, reg.body).toBe(200);
  const id = reg.json().data.id as string;
  expect(reg.json().data).toMatchObject({
    status: "registered",
    code: expect.stringMatching(/^GX-2026-\d{4}$/),
  });
  const assigned = await zgb("POST", `/api/v1/problems/${id}/assign`, {
    leadOrgId: t.org("450100").id,
    deadline: "2026-12-31",
  });
  expect(assigned.json().data?.status, assigned.body).toBe("assigned");
  const ack = await nanning("POST", `/api/v1/problems/${id}/acknowledge`);
  expect(ack.json().data?.status, ack.body).toBe("rectifying");
  const withMeasure = await nanning("POST", `/api/v1/problems/${id}/measures`, {
    title: "开展村干部队伍摸底",
    deadline: "2026-12-20",
  });
  const measureId = withMeasure.json().data.measures[0].id;
  const decomposed = await nanning("POST", `/api/v1/measures/${measureId}/tasks`, {
    tasks: [{ orgId: t.org("450102").id }, { orgId: t.org("450103").id }],
  });
  const tasks = decomposed.json().data.measures[0].tasks as { id: string; orgName: string }[];
  expect(tasks.map((x) => x.orgName)).toEqual(["兴宁区", "青秀区"]);
  const photo = await upload(xingning, "现场照片.png", PNG);
  expect(photo.statusCode, photo.body).toBe(200);
  const r1 = await xingning("POST", `/api/v1/tasks/${tasks[0].id}/reports`, {
    percent: 100,
    text: "已完成摸底并调整2名书记",
    attachmentIds: [photo.json().data.id],
  });
  expect(r1.json().data.progress).toBe(50);
  await qingxiu("POST", `/api/v1/tasks/${tasks[1].id}/reports`, { percent: 100, text: "已完成" });
  const close = await nanning("POST", `/api/v1/problems/${id}/request-closeout`, {
    summary: "两区均已完成整改",
    attachmentIds: [photo.json().data.id],
  });
  expect(close.statusCode, close.body).toBe(200);
  expect(close.json().data).toMatchObject({ status: "closeout_requested", progress: 100 });
  const checklist = {
    factsClear: true,
    problemSolved: true,
    tasksDone: true,
    conclusionAccurate: true,
    compliant: true,
    formatCorrect: true,
  };
  const approved = await ddz("POST", `/api/v1/problems/${id}/review`, { decision: "approve", checklist });
  expect(approved.json().data.status).toBe("public_review");
  const tokens = await zgb("POST", `/api/v1/problems/${id}/ballot-tokens`, { count: 2 });
  expect(tokens.statusCode, tokens.body).toBe(200);
  return { id, tokens: tokens.json().data.tokens.map((x: { token: string }) => x.token) as string[], zgb };
}

const vote = (token: string, choice: string) =>
  t.app.inject({ method: "POST", url: "/api/v1/public/ballots", payload: { token, choice } });

describe("the closed loop through the API", () => {
  it("closes an item as rectified once the public approve, and shows it in the ledger", async () => {
    const { id, tokens, zgb } = await toPublicReview();
    expect((await vote(tokens[0], "satisfied")).statusCode).toBe(200);
    const again = await vote(tokens[0], "satisfied");
    expect(again.json()).toMatchObject({ code: "ballot_token_used", status: 409 });
    expect((await vote(tokens[1], "basically_satisfied")).statusCode).toBe(200);
    const done = (await zgb("GET", `/api/v1/problems/${id}`)).json().data;
    expect(done).toMatchObject({ status: "closed", closureKind: "rectified", reopenCount: 0 });
    expect(done.satisfaction).toMatchObject({ valid: 2, rate: 1, tokensIssued: 2, tokensUsed: 2 });
    expect(done.followupDue).toBe("2027-02-28");
    const ledger = (await zgb("GET", "/api/v1/problems?status=closed")).json();
    expect(ledger.data.map((r: { id: string }) => r.id)).toContain(id);
    const timeline = (await zgb("GET", `/api/v1/problems/${id}/timeline`))
      .json()
      .data.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(
      expect.arrayContaining([
        "problem.registered",
        "task.reported",
        "ballot.cast",
        "problem.public_review_closed",
      ]),
    );
  });

  it("sends the item back with reopen count 1 when satisfaction is below the threshold", async () => {
    const { id, tokens, zgb } = await toPublicReview();
    await vote(tokens[0], "satisfied");
    await vote(tokens[1], "dissatisfied");
    const back = (await zgb("GET", `/api/v1/problems/${id}`)).json().data;
    expect(back).toMatchObject({ status: "rectifying", reopenCount: 1, closureKind: null });
  });

  it("reopens a closed item when the follow-up finds a relapse", async () => {
    const { id, tokens, zgb } = await toPublicReview();
    await vote(tokens[0], "satisfied");
    await vote(tokens[1], "satisfied");
    const res = await zgb("POST", `/api/v1/problems/${id}/follow-up`, {
      outcome: "relapse",
      note: "回头看发现问题反弹",
    });
    expect(res.json().data).toMatchObject({ status: "rectifying", reopenCount: 1 });
  });

  it("refuses illegal transitions with 409 and unknown ballot tokens with a clear message", async () => {
    const zgb = await t.as("zgb");
    const reg = await zgb("POST", "/api/v1/problems", {
      campaignId,
      sourceType: "opinion",
      title: "测试",
      description: "测试",
      rectifyType: "immediate",
      target: "x",
      acceptanceStandard: "y",
    });
    const id = reg.json().data.id;
    const res = await zgb("POST", `/api/v1/problems/${id}/request-closeout`, {
      summary: "x",
      attachmentIds: ["abc"],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("illegal_transition");
    const unknown = await t.app.inject({
      method: "POST",
      url: "/api/v1/public/ballots",
      payload: { token: "no-such-token-123", choice: "satisfied" },
      headers: { "accept-language": "en" },
    });
    expect(unknown.json()).toMatchObject({ status: 404, detail: "This ballot code is not valid" });
  });

  it("keeps 柳州's unit lead away from 南宁's problems, tasks, attachments and tokens", async () => {
    const { id } = await toPublicReview();
    const liuzhou = await t.as("liuzhou");
    expect((await liuzhou("GET", `/api/v1/problems/${id}`)).statusCode).toBe(404);
    expect((await liuzhou("GET", "/api/v1/problems")).json().total).toBe(0);
    expect((await liuzhou("GET", "/api/v1/tasks")).json().total).toBe(0);
    const detail = (await (await t.as("zgb"))("GET", `/api/v1/problems/${id}`)).json().data;
    const taskId = detail.measures[0].tasks[0].id;
    expect(
      (await liuzhou("POST", `/api/v1/tasks/${taskId}/reports`, { percent: 10, text: "x" })).statusCode,
    ).toBe(404);
    const fileId = detail.reports.find((r: { attachments: unknown[] }) => r.attachments.length > 0)
      .attachments[0].id;
    expect((await liuzhou("GET", `/api/v1/attachments/${fileId}`)).statusCode).toBe(404);
    expect((await liuzhou("POST", `/api/v1/problems/${id}/ballot-tokens`, { count: 1 })).statusCode).toBe(
      404,
    );
    const xingning = await t.as("xingning");
    const file = await xingning("GET", `/api/v1/attachments/${fileId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-disposition"]).toContain("filename*=UTF-8''%E7%8E%B0");
  });

  it("refuses files that are not images, PDF, Office or text, whatever their name", async () => {
    const xingning = await t.as("xingning");
    const exe = await upload(xingning, "photo.png", Buffer.from("4d5a90000300000004000000ffff0000", "hex"));
    expect(exe.json()).toMatchObject({ status: 415, code: "file_type_refused" });
    const html = await upload(xingning, "note.txt", Buffer.from("<html><script>alert(1)</script></html>"));
    expect(html.statusCode).toBe(415);
  });
});
