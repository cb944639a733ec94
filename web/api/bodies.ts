import type { Static } from "@sinclair/typebox";
import type {
  ConvertToProblemBody,
  CreateSupervisionGroupBody,
  SupervisionGroupDetail as GroupDetailSchema,
  SupervisionGroupRow as GroupRowSchema,
  PersonRow as PersonRowSchema,
  RecordActivityBody,
} from "../../contract/schemas/group";
import type {
  AttendanceBody,
  CreateJointMeetingBody,
  CreateSessionBody,
  DecisionToTaskBody,
  JointMeetingDetail as JointMeetingDetailSchema,
  JointMeetingRow as JointMeetingRowSchema,
  MinutesBody,
  PreviousDecisions as PreviousDecisionsSchema,
  ProposedItem as ProposedItemSchema,
  RecordDecisionBody,
  SessionDetail as SessionDetailSchema,
} from "../../contract/schemas/meeting";
import { api } from "./client";
import type { Envelope } from "./types";

export type Person = Static<typeof PersonRowSchema>;
export type GroupRow = Static<typeof GroupRowSchema>;
export type GroupDetail = Static<typeof GroupDetailSchema>;
export type NewGroup = Static<typeof CreateSupervisionGroupBody>;
export type NewActivity = Static<typeof RecordActivityBody>;
export type ToProblem = Static<typeof ConvertToProblemBody>;
export type MeetingRow = Static<typeof JointMeetingRowSchema>;
export type MeetingDetail = Static<typeof JointMeetingDetailSchema>;
export type NewMeeting = Static<typeof CreateJointMeetingBody>;
export type SessionDetail = Static<typeof SessionDetailSchema>;
export type NewSession = Static<typeof CreateSessionBody>;
export type ProposedItem = Static<typeof ProposedItemSchema>;
export type PreviousDecisions = Static<typeof PreviousDecisionsSchema>;
export type Decision = SessionDetail["decisions"][number];
export type Attendance = Static<typeof AttendanceBody>;
export type Minutes = Static<typeof MinutesBody>;
export type NewDecision = Static<typeof RecordDecisionBody>;
export type ToTask = Static<typeof DecisionToTaskBody>;

const enc = encodeURIComponent;
const GROUPS = "/api/v1/supervision-groups";
const MEETINGS = "/api/v1/joint-meetings";

export const GROUPS_KEY = ["supervision-groups"] as const;
export const groupKey = (id: string) => ["supervision-groups", id] as const;
export const MEETINGS_KEY = ["joint-meetings"] as const;
export const meetingKey = (id: string) => ["joint-meetings", id] as const;
export const sessionKey = (id: string) => ["meeting-sessions", id] as const;

export async function searchPeople(q: string): Promise<Person[]> {
  return (await api.get<{ data: Person[] }>("/api/v1/people", { q, limit: 20 })).data;
}

export const listGroups = async () => (await api.get<Envelope<GroupRow[]>>(GROUPS)).data;
export const fetchGroup = async (id: string) =>
  (await api.get<Envelope<GroupDetail>>(`${GROUPS}/${enc(id)}`)).data;
export const createGroup = async (input: NewGroup) =>
  (await api.post<Envelope<GroupDetail>>(GROUPS, input)).data;
export const updateGroup = async (
  id: string,
  input: { name?: string; startsOn?: string; endsOn?: string; plan?: string },
) => (await api.patch<Envelope<GroupDetail>>(`${GROUPS}/${enc(id)}`, input)).data;
export const setGroupMembers = async (id: string, input: { leaderUserId: string; memberUserIds: string[] }) =>
  (await api.put<Envelope<GroupDetail>>(`${GROUPS}/${enc(id)}/members`, input)).data;
export const setContactPoints = async (id: string, orgIds: string[]) =>
  (await api.put<Envelope<GroupDetail>>(`${GROUPS}/${enc(id)}/contact-points`, { orgIds })).data;
export const recordActivity = async (id: string, input: NewActivity) =>
  (await api.post<Envelope<GroupDetail>>(`${GROUPS}/${enc(id)}/activities`, input)).data;
export const recordFinding = async (
  id: string,
  activityId: string,
  input: { text: string; orgId?: string },
) =>
  (
    await api.post<Envelope<GroupDetail>>(
      `${GROUPS}/${enc(id)}/activities/${enc(activityId)}/findings`,
      input,
    )
  ).data;
export const convertFinding = async (id: string, findingId: string, input: ToProblem) =>
  (await api.post<Envelope<GroupDetail>>(`${GROUPS}/${enc(id)}/findings/${enc(findingId)}/convert`, input))
    .data;
/** Where the browser downloads the group report (.docx). */
export const groupReportUrl = (id: string) => `${GROUPS}/${enc(id)}/report`;

export const listMeetings = async () => (await api.get<Envelope<MeetingRow[]>>(MEETINGS)).data;
export const fetchMeeting = async (id: string) =>
  (await api.get<Envelope<MeetingDetail>>(`${MEETINGS}/${enc(id)}`)).data;
export const createMeeting = async (input: NewMeeting) =>
  (await api.post<Envelope<MeetingDetail>>(MEETINGS, input)).data;
export const setMeetingMembers = async (id: string, members: NewMeeting["members"]) =>
  (await api.put<Envelope<MeetingDetail>>(`${MEETINGS}/${enc(id)}/members`, { members })).data;
export const createSession = async (id: string, input: NewSession) =>
  (await api.post<Envelope<SessionDetail>>(`${MEETINGS}/${enc(id)}/sessions`, input)).data;

const S = `${MEETINGS}/sessions`;
export const fetchSession = async (id: string) =>
  (await api.get<Envelope<SessionDetail>>(`${S}/${enc(id)}`)).data;
export const fetchProposedItems = async (id: string) =>
  (await api.get<Envelope<ProposedItem[]>>(`${S}/${enc(id)}/proposed-items`)).data;
export const fetchPreviousDecisions = async (id: string) =>
  (await api.get<Envelope<PreviousDecisions>>(`${S}/${enc(id)}/previous-decisions`)).data;
export const addAgendaItem = async (
  id: string,
  input: { title?: string; problemId?: string; origin?: "manual" | "red" | "stuck" },
) => (await api.post<Envelope<SessionDetail>>(`${S}/${enc(id)}/agenda-items`, input)).data;
export const recordAttendance = async (id: string, input: Attendance) =>
  (await api.put<Envelope<SessionDetail>>(`${S}/${enc(id)}/attendance`, input)).data;
export const recordMinutes = async (id: string, input: Minutes) =>
  (await api.put<Envelope<SessionDetail>>(`${S}/${enc(id)}/minutes`, input)).data;
export const recordDecision = async (id: string, input: NewDecision) =>
  (await api.post<Envelope<SessionDetail>>(`${S}/${enc(id)}/decisions`, input)).data;
export const decisionToProblem = async (id: string, input: ToProblem) =>
  (await api.post<Envelope<SessionDetail>>(`${MEETINGS}/decisions/${enc(id)}/to-problem`, input)).data;
export const decisionToTask = async (id: string, input: ToTask) =>
  (await api.post<Envelope<SessionDetail>>(`${MEETINGS}/decisions/${enc(id)}/to-task`, input)).data;
