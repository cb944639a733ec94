#!/usr/bin/env node
// The one binary: `rectify serve | migrate | seed | user | audit` (server/main.ts).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../server/main.ts");
process.exitCode = await main(process.argv.slice(2));
