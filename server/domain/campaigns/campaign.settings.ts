import { RECTIFY_TYPES } from "../../../contract/enums.ts";
import type { CampaignSettingsValue } from "../../../contract/schemas/campaign.ts";

/** Defaults of DOMAIN.md: satisfaction required at 90 %, 3-level ballot, 7 days' notice, follow-up after 3 months. */
export const DEFAULT_CAMPAIGN_SETTINGS: CampaignSettingsValue = {
  satisfactionRequired: true,
  satisfactionThreshold: 0.9,
  ballotScale: 3,
  publicNoticeDays: 7,
  followUpMonths: 3,
  allowedRectifyTypes: [...RECTIFY_TYPES],
};

export const campaignSettings = (json: string): CampaignSettingsValue => ({
  ...DEFAULT_CAMPAIGN_SETTINGS,
  ...(JSON.parse(json) as Partial<CampaignSettingsValue>),
});
