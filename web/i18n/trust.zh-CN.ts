/** Messages of the audit chain's verification (full walk, checkpoints) and of secrets at rest. */
export const trustZhCN = {
  "audit.verifyTailOk":
    "自最近签名检查点（第 {from} 条）起校验了 {count} 条新记录，检查点仍在链中，未发现篡改。",
  "audit.verifyIncomplete": "本次只校验到第 {through} 条，其余记录由每日完整校验覆盖。",
  "audit.verifyCut": "日志链被截断：{at} 签名的检查点（第 {seq} 条）已不在链中，链止于第 {end} 条。",
  "audit.reason.sequence_gap": "序号缺失",
  "audit.reason.prev_hash_mismatch": "前序哈希不符",
  "audit.reason.hash_mismatch": "记录内容被改动",
  "audit.reason.head_mismatch": "链头不符",
  "audit.reason.checkpoint_mismatch": "与签名检查点不符",
  "audit.reason.checkpoint_missing": "签名检查点已不在链中",
  "audit.full.title": "完整校验（每日自动运行）",
  "audit.full.running": "正在完整校验（{started} 开始）：已校验 {checked} / {target} 条",
  "audit.full.ok": "最近一次完整校验通过：共 {count} 条记录，{checkpoints} 个签名检查点相符。",
  "audit.full.broken": "最近一次完整校验未通过：第 {seq} 条记录异常（{reason}）。",
  "audit.full.failed": "最近一次完整校验未能完成：{error}",
  "audit.full.when": "开始于 {started}，完成于 {finished}",
  "audit.full.none": "尚未进行完整校验；每日任务或命令 rectify audit verify 会完成一次。",
  "audit.type.secrets.sealed": "加密存量密钥",
  "audit.type.secrets.key_rotated": "轮换密钥",
  "audit.entityType.secrets": "密钥",
};
