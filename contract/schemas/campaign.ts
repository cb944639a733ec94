import { type Static, Type } from "@sinclair/typebox";
import { CAMPAIGN_PHASES, RECTIFY_TYPES } from "../enums.ts";
import { DateOnly, Id, lit } from "./common.ts";

export { DateOnly };

/** Thresholds of the escalation ladder, in working days (DOMAIN.md §2.5, §2.4). */
export const EscalationSettings = Type.Object(
  {
    /** A yellow light unanswered this long is urged (催办). */
    yellowUnansweredDays: Type.Integer({ minimum: 1, maximum: 60, default: 3 }),
    /** Working days a unit has to answer a 督办单. */
    noticeResponseDays: Type.Integer({ minimum: 1, maximum: 60, default: 5 }),
    /** A red light lasting this long is proposed for 挂牌督办 and 约谈. */
    redProposalDays: Type.Integer({ minimum: 1, maximum: 120, default: 10 }),
    /** A task not signed for (签收) within this many working days draws a reminder. */
    taskAckDays: Type.Integer({ minimum: 1, maximum: 30, default: 1 }),
  },
  { additionalProperties: false },
);
export type EscalationSettingsValue = Static<typeof EscalationSettings>;

/** Campaign settings; defaults from DOMAIN.md. */
export const CampaignSettings = Type.Object(
  {
    escalation: Type.Optional(Type.Partial(EscalationSettings, { additionalProperties: false })),
    satisfactionRequired: Type.Boolean({ default: true }),
    satisfactionThreshold: Type.Number({ minimum: 0, maximum: 1, default: 0.9 }),
    ballotScale: Type.Union([Type.Literal(3), Type.Literal(5)], { default: 3 }),
    publicNoticeDays: Type.Integer({ minimum: 1, maximum: 90, default: 7 }),
    followUpMonths: Type.Integer({ minimum: 1, maximum: 36, default: 3 }),
    allowedRectifyTypes: Type.Array(lit(RECTIFY_TYPES), { minItems: 1, default: [...RECTIFY_TYPES] }),
    /** Traffic lights (DOMAIN.md §2.5): yellow when at most this share of the time is left… */
    lightYellowTimeLeft: Type.Number({ minimum: 0, maximum: 1, default: 0.3 }),
    /** …or at most this many working days are left. */
    lightYellowDaysLeft: Type.Integer({ minimum: 0, maximum: 60, default: 3 }),
    /** Orange when at most this share of the time is left. */
    lightOrangeTimeLeft: Type.Number({ minimum: 0, maximum: 1, default: 0.15 }),
    /** Yellow when progress is at least this many points behind plan. */
    lightYellowBehind: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
    /** Red when progress is more than this many points behind plan. */
    lightRedBehind: Type.Integer({ minimum: 1, maximum: 100, default: 30 }),
    /** A progress report is due every this many working days; overdue turns the light yellow. */
    reportEveryWorkingDays: Type.Integer({ minimum: 1, maximum: 120, default: 10 }),
    /** A warning unanswered by a progress report for this many working days turns orange. */
    warningAnswerWorkingDays: Type.Integer({ minimum: 1, maximum: 60, default: 3 }),
  },
  { additionalProperties: false },
);
export type CampaignSettingsValue = Static<typeof CampaignSettings>;

export const CategoryInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    portraitTemplate: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
      maxItems: 30,
      default: [],
    }),
  },
  { additionalProperties: false },
);

export const CreateCampaignBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    ownerOrgId: Id,
    startsOn: DateOnly,
    endsOn: DateOnly,
    phase: Type.Optional(lit(CAMPAIGN_PHASES)),
    categories: Type.Array(CategoryInput, { minItems: 1, maxItems: 50 }),
    settings: Type.Optional(Type.Partial(CampaignSettings, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type CreateCampaignInput = Static<typeof CreateCampaignBody>;

export const Campaign = Type.Object({
  id: Type.String(),
  name: Type.String(),
  ownerOrgId: Type.String(),
  ownerOrgName: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  phase: lit(CAMPAIGN_PHASES),
  settings: CampaignSettings,
  categories: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), portraitTemplate: Type.Array(Type.String()) }),
  ),
  problemCount: Type.Integer(),
});
export type CampaignView = Static<typeof Campaign>;
