import { type Static, Type } from "@sinclair/typebox";
import {
  CIRCULAR_TONES,
  LISTING_STATUSES,
  NOTICE_LEVELS,
  NOTICE_STATUSES,
  PROPOSAL_KINDS,
  PROPOSAL_STATUSES,
  URGING_KINDS,
  URGING_METHODS,
} from "../enums.ts";
import { DateOnly } from "./campaign.ts";
import { Id, lit } from "./common.ts";

/** The escalation ladder's requests and views (督办: 提醒 → 催办 → 督办单 → 挂牌 → 约谈 → 通报 → 问责). */
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const NStr = Type.Union([Type.String(), Type.Null()]);
const Abilities = Type.Record(Type.String(), Type.Boolean());

/** Lights as the board shows them (the lights module owns how they are computed). */
export const BOARD_LIGHTS = ["red", "orange", "yellow", "green"] as const;
export type BoardLight = (typeof BOARD_LIGHTS)[number];

export const UrgeBody = Type.Object(
  {
    method: lit(URGING_METHODS.filter((m) => m !== "system") as ["phone", "letter", "visit", "on_site"]),
    note: Text(2000),
  },
  { additionalProperties: false },
);

export const IssueNoticeBody = Type.Object(
  {
    level: lit(NOTICE_LEVELS),
    title: Type.Optional(Text(200)),
    body: Text(5000),
    requirements: Text(2000),
    responseDue: Type.Optional(DateOnly),
  },
  { additionalProperties: false },
);

export const RespondNoticeBody = Type.Object(
  { text: Text(5000), attachmentIds: Type.Optional(Type.Array(Id, { maxItems: 20 })) },
  { additionalProperties: false },
);
export const CloseNoticeBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

export const ListBody = Type.Object({ reason: Text(2000) }, { additionalProperties: false });
export const VerifyDelistingBody = Type.Object(
  { approve: Type.Boolean(), note: Text(2000) },
  { additionalProperties: false },
);

export const InterviewBody = Type.Object(
  {
    heldAt: Type.String({ format: "date-time" }),
    place: Text(200),
    interviewer: Text(100),
    interviewee: Text(100),
    intervieweeOrgId: Type.Optional(Id),
    reason: Text(2000),
    commitments: Type.Array(
      Type.Object({ text: Text(500), deadline: DateOnly }, { additionalProperties: false }),
      { maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);

export const CircularBody = Type.Object(
  {
    title: Text(200),
    docNumber: Text(60),
    body: Text(10000),
    tone: lit(CIRCULAR_TONES),
    issuerOrgId: Type.Optional(Id),
    problemIds: Type.Array(Id, { maxItems: 50 }),
  },
  { additionalProperties: false },
);

export const ReferralBody = Type.Object(
  {
    subjectOrgId: Type.Optional(Id),
    subjectPerson: Type.Optional(Type.String({ maxLength: 100 })),
    reason: Text(2000),
    referredTo: Text(200),
  },
  { additionalProperties: false },
);

export const DecideProposalBody = Type.Object(
  { accept: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

export const NoticeListQuery = Type.Object(
  {
    mine: Type.Optional(Type.Union([Type.Literal("1"), Type.Literal("0")])),
    status: Type.Optional(lit(NOTICE_STATUSES)),
    level: Type.Optional(lit(NOTICE_LEVELS)),
    problemId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type NoticeFilter = Static<typeof NoticeListQuery>;

export const ProposalListQuery = Type.Object(
  { status: Type.Optional(lit(PROPOSAL_STATUSES)) },
  { additionalProperties: false },
);

const ItemRef = {
  problemId: Type.String(),
  problemCode: Type.String(),
  problemTitle: Type.String(),
};

export const Urging = Type.Object({
  id: Type.String(),
  problemId: Type.String(),
  taskId: NStr,
  kind: lit(URGING_KINDS),
  method: lit(URGING_METHODS),
  orgId: Type.String(),
  orgName: Type.String(),
  note: Type.String(),
  rule: NStr,
  createdByName: Type.String(),
  createdAt: Type.String(),
});

export const Notice = Type.Object({
  id: Type.String(),
  ...ItemRef,
  level: lit(NOTICE_LEVELS),
  docNumber: Type.String(),
  issuerOrgId: Type.String(),
  issuerOrgName: Type.String(),
  addresseeOrgId: Type.String(),
  addresseeOrgName: Type.String(),
  title: Type.String(),
  body: Type.String(),
  requirements: Type.String(),
  responseDue: Type.String(),
  overdue: Type.Boolean(),
  status: lit(NOTICE_STATUSES),
  automatic: Type.Boolean(),
  responseText: NStr,
  responseAttachments: Type.Array(Type.Object({ id: Type.String(), originalName: Type.String() })),
  respondedByName: NStr,
  respondedAt: NStr,
  closedByName: NStr,
  closedAt: NStr,
  closeNote: NStr,
  issuedByName: Type.String(),
  issuedAt: Type.String(),
  abilities: Abilities,
});
export type NoticeView = Static<typeof Notice>;

export const Listing = Type.Object({
  id: Type.String(),
  ...ItemRef,
  leadOrgName: NStr,
  status: lit(LISTING_STATUSES),
  reason: Type.String(),
  listedByName: Type.String(),
  listedAt: Type.String(),
  delistReason: NStr,
  delistRequestedByName: NStr,
  delistRequestedAt: NStr,
  verifyNote: NStr,
  verifiedByName: NStr,
  delistedAt: NStr,
});
export type ListingView = Static<typeof Listing>;

export const Interview = Type.Object({
  id: Type.String(),
  problemId: Type.String(),
  heldAt: Type.String(),
  place: Type.String(),
  interviewer: Type.String(),
  interviewee: Type.String(),
  intervieweeOrgId: Type.String(),
  intervieweeOrgName: Type.String(),
  reason: Type.String(),
  commitments: Type.Array(Type.Object({ text: Type.String(), deadline: Type.String(), taskId: NStr })),
  createdByName: Type.String(),
  createdAt: Type.String(),
});

export const Referral = Type.Object({
  id: Type.String(),
  problemId: Type.String(),
  subjectOrgId: NStr,
  subjectOrgName: NStr,
  subjectPerson: NStr,
  reason: Type.String(),
  referredTo: Type.String(),
  createdByName: Type.String(),
  createdAt: Type.String(),
});

export const Proposal = Type.Object({
  id: Type.String(),
  ...ItemRef,
  kind: lit(PROPOSAL_KINDS),
  status: lit(PROPOSAL_STATUSES),
  reason: Type.String(),
  decidedByName: NStr,
  decidedAt: NStr,
  decisionNote: NStr,
  createdAt: Type.String(),
  abilities: Abilities,
});
export type ProposalView = Static<typeof Proposal>;

export const Circular = Type.Object({
  id: Type.String(),
  title: Type.String(),
  docNumber: Type.String(),
  body: Type.String(),
  tone: lit(CIRCULAR_TONES),
  issuerOrgId: Type.String(),
  issuerOrgName: Type.String(),
  items: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), title: Type.String() })),
  createdByName: Type.String(),
  createdAt: Type.String(),
});
export type CircularView = Static<typeof Circular>;

/** The 督办 card of a problem: everything on its ladder, and what the caller may do next. */
export const ProblemSupervision = Type.Object({
  problemId: Type.String(),
  urgings: Type.Array(Urging),
  notices: Type.Array(Notice),
  listing: Type.Union([Listing, Type.Null()]),
  interviews: Type.Array(Interview),
  referrals: Type.Array(Referral),
  proposals: Type.Array(Proposal),
  abilities: Abilities,
});
export type ProblemSupervisionView = Static<typeof ProblemSupervision>;

export const BoardItem = Type.Object({
  id: Type.String(),
  code: Type.String(),
  title: Type.String(),
  leadOrgName: NStr,
  deadline: NStr,
  progress: Type.Integer(),
  plannedProgress: Type.Integer(),
  light: lit(BOARD_LIGHTS),
  /** Why the light is what it is, as the lights module wrote it. */
  reasons: Type.Array(Type.Object({ zh: Type.String(), en: Type.String() })),
});

export const Board = Type.Object({
  counts: Type.Object({
    red: Type.Integer(),
    orange: Type.Integer(),
    yellow: Type.Integer(),
    green: Type.Integer(),
  }),
  items: Type.Object({
    red: Type.Array(BoardItem),
    orange: Type.Array(BoardItem),
    yellow: Type.Array(BoardItem),
  }),
  openNotices: Type.Integer(),
  overdueNotices: Type.Integer(),
  listed: Type.Integer(),
  pendingProposals: Type.Integer(),
});
export type BoardView = Static<typeof Board>;

/** A listed item as the public sees it: what, who, why, since when. */
export const PublicListing = Type.Object({
  code: Type.String(),
  title: Type.String(),
  leadOrgName: NStr,
  reason: Type.String(),
  listedAt: Type.String(),
});
