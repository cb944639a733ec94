import { type Static, Type } from "@sinclair/typebox";
import { SOURCE_RECORD_TYPES } from "../enums.ts";
import { lit } from "./common.ts";

const NStr = Type.Union([Type.String(), Type.Null()]);

/** The record a problem came from (调研发现, 督导发现, 联席会议议定事项 …), shown on its detail page. */
export const SourceLink = Type.Object({
  type: lit(SOURCE_RECORD_TYPES),
  id: Type.String(),
  /** The body or visit that holds the record (the page to open). */
  parentId: NStr,
  title: Type.String(),
  text: Type.String(),
  date: NStr,
  /** False when the reader may see the problem but not the record's page. */
  readable: Type.Boolean(),
});
export type SourceLinkView = Static<typeof SourceLink>;
