import { RECTIFY_TYPES } from "../../../contract/enums.ts";
import type { CampaignSettingsValue, EscalationSettingsValue } from "../../../contract/schemas/campaign.ts";

/**
 * Defaults of DOMAIN.md: satisfaction required at 90 %, 3-level ballot, 7 days' notice, follow-up after
 * 3 months; lights yellow at ≤ 30 % or ≤ 3 working days left or 10 points behind, orange at ≤ 15 %
 * left or a warning unanswered for 3 working days, red when overdue or > 30 points behind.
 */
export const DEFAULT_CAMPAIGN_SETTINGS: CampaignSettingsValue = {
  satisfactionRequired: true,
  satisfactionThreshold: 0.9,
  ballotScale: 3,
  publicNoticeDays: 7,
  followUpMonths: 3,
  allowedRectifyTypes: [...RECTIFY_TYPES],
  lightYellowTimeLeft: 0.3,
  lightYellowDaysLeft: 3,
  lightOrangeTimeLeft: 0.15,
  lightYellowBehind: 10,
  lightRedBehind: 30,
  reportEveryWorkingDays: 10,
  warningAnswerWorkingDays: 3,
};

export const campaignSettings = (json: string): CampaignSettingsValue => ({
  ...DEFAULT_CAMPAIGN_SETTINGS,
  ...(JSON.parse(json) as Partial<CampaignSettingsValue>),
});

/** Escalation defaults (working days): yellow unanswered 3, notice response 5, red to proposal 10, task sign-for 1. */
export const DEFAULT_ESCALATION_SETTINGS: EscalationSettingsValue = {
  yellowUnansweredDays: 3,
  noticeResponseDays: 5,
  redProposalDays: 10,
  taskAckDays: 1,
};

/** The campaign's escalation thresholds, each falling back to its default. */
export const escalationSettings = (json: string): EscalationSettingsValue => ({
  ...DEFAULT_ESCALATION_SETTINGS,
  ...((JSON.parse(json) as Partial<CampaignSettingsValue>).escalation ?? {}),
});
