import { Type } from "@sinclair/typebox";
import { LIGHTS } from "../enums.ts";
import { lit } from "./common.ts";

/** One reason for a traffic light, in both languages. */
export const LightReason = Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() });

/** The light fields every problem and task view carries. */
export const LightFields = {
  light: lit(LIGHTS),
  lightReasons: Type.Array(LightReason),
  /** 序时进度, 0–100. */
  plannedProgress: Type.Integer(),
};

export const LightHistoryEntry = Type.Object({
  id: Type.String(),
  entityType: Type.Union([Type.Literal("problem"), Type.Literal("task")]),
  entityId: Type.String(),
  /** The task's title, or null for the problem itself. */
  taskTitle: Type.Union([Type.String(), Type.Null()]),
  from: lit(LIGHTS),
  to: lit(LIGHTS),
  reasons: Type.Array(LightReason),
  plannedProgress: Type.Integer(),
  progress: Type.Integer(),
  at: Type.String(),
});
