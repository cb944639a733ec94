/** Stable error codes with their HTTP status and messages in zh-CN and en. */
export const ERRORS = {
  validation_failed: { status: 400, zh: "提交的数据不符合要求", en: "The request is not valid" },
  bad_request: { status: 400, zh: "请求格式不正确", en: "The request is malformed" },
  unauthenticated: { status: 401, zh: "请先登录", en: "Please sign in" },
  invalid_credentials: { status: 401, zh: "用户名或密码错误", en: "Wrong username or password" },
  mfa_required: { status: 401, zh: "请先完成双因素认证", en: "Two-factor verification is required" },
  mfa_enrolment_required: {
    status: 403,
    zh: "您的角色要求先绑定双因素认证",
    en: "Your role requires two-factor authentication to be set up first",
  },
  invalid_mfa_code: { status: 401, zh: "验证码不正确", en: "The verification code is wrong" },
  mfa_not_pending: {
    status: 409,
    zh: "当前没有待绑定的双因素认证",
    en: "No two-factor enrolment is pending",
  },
  rate_limited: { status: 429, zh: "请求过于频繁，请稍后再试", en: "Too many requests, try again later" },
  csrf_invalid: {
    status: 403,
    zh: "安全校验失败，请刷新页面后重试",
    en: "Security token missing or wrong; reload and retry",
  },
  forbidden: { status: 403, zh: "您没有执行此操作的权限", en: "You are not allowed to do this" },
  not_found: { status: 404, zh: "未找到该资源", en: "Not found" },
  route_not_found: { status: 404, zh: "接口不存在", en: "No such endpoint" },
  method_not_allowed: { status: 405, zh: "不支持的请求方法", en: "Method not allowed" },
  payload_too_large: { status: 413, zh: "提交的内容过大", en: "The request body is too large" },
  unsupported_media_type: { status: 415, zh: "不支持的内容类型", en: "Unsupported content type" },
  conflict: { status: 409, zh: "数据已被修改，请刷新后重试", en: "The data changed; reload and retry" },
  org_outside_scope: { status: 422, zh: "所选单位不在您的管辖范围内", en: "That org is outside your scope" },
  org_code_taken: { status: 409, zh: "该区划代码已被使用", en: "That division code is already used" },
  org_move_cycle: {
    status: 422,
    zh: "不能把单位移动到它自己或其下级单位之下",
    en: "An org cannot be moved under itself or its own descendants",
  },
  org_is_root: { status: 422, zh: "不能移动或停用根节点", en: "The root org cannot be moved or deactivated" },
  org_inactive: { status: 422, zh: "该单位已停用", en: "That org is deactivated" },
  org_level_required: { status: 422, zh: "行政区域必须指定层级", en: "A region needs a level" },
  username_taken: { status: 409, zh: "用户名已存在", en: "That username is taken" },
  password_too_short: {
    status: 422,
    zh: "密码长度至少为 {min} 个字符",
    en: "The password must be at least {min} characters",
  },
  password_wrong: { status: 422, zh: "当前密码不正确", en: "The current password is wrong" },
  role_outside_scope: {
    status: 422,
    zh: "只能在您管辖范围内的单位分配角色",
    en: "Roles can only be assigned at orgs within your scope",
  },
  demo_refused_in_production: {
    status: 409,
    zh: "生产环境不允许写入演示数据",
    en: "Demo data is refused in production",
  },
  illegal_transition: {
    status: 409,
    zh: "当前状态（{status}）下不能执行该操作",
    en: "This action is not possible while the item is {status}",
  },
  category_not_in_campaign: {
    status: 422,
    zh: "问题类别不属于该专项工作",
    en: "That category is not in the campaign",
  },
  rectify_type_not_allowed: {
    status: 422,
    zh: "该专项工作不允许此整改类型",
    en: "The campaign does not allow this rectify type",
  },
  lead_unit_required: {
    status: 422,
    zh: "涉及多个单位时必须明确牵头单位",
    en: "A lead unit is required when several units are involved",
  },
  measures_not_done: {
    status: 422,
    zh: "还有整改措施或任务未完成，不能申请销号",
    en: "Some measures or tasks are not done yet",
  },
  evidence_required: { status: 422, zh: "请提供佐证材料", en: "Evidence is required" },
  checklist_incomplete: {
    status: 422,
    zh: "审核通过需要六项审核要点全部符合",
    en: "Approval needs all six review points to be met",
  },
  reason_required: { status: 422, zh: "请填写理由", en: "A reason is required" },
  not_long_term: {
    status: 422,
    zh: "只有长期坚持类问题可以阶段性销号",
    en: "Only long-term items can be stage-closed",
  },
  not_rectified: {
    status: 422,
    zh: "只有已整改销号的问题可以回头看",
    en: "Only items closed as rectified can be followed up",
  },
  task_has_subtasks: {
    status: 422,
    zh: "该任务已分解，请在下级任务上报送进展",
    en: "This task is decomposed; report on its subtasks",
  },
  org_not_below: {
    status: 422,
    zh: "只能分解到本单位的下级单位",
    en: "Tasks can only go to units below your own",
  },
  attachment_unusable: {
    status: 422,
    zh: "佐证材料不存在或不能在此使用",
    en: "That attachment does not exist or cannot be used here",
  },
  file_type_refused: {
    status: 415,
    zh: "只接受图片、PDF、Office 文档和纯文本文件",
    en: "Only images, PDF, Office documents and plain text are accepted",
  },
  file_too_large: { status: 413, zh: "文件超过 {max} MB", en: "The file is larger than {max} MB" },
  file_missing: { status: 400, zh: "请选择要上传的文件", en: "Choose a file to upload" },
  ballot_token_unknown: { status: 404, zh: "评议码无效，请核对后重试", en: "This ballot code is not valid" },
  ballot_token_used: {
    status: 409,
    zh: "该评议码已经投过票，每个评议码只能投一次",
    en: "This ballot code has already been used",
  },
  ballot_token_expired: { status: 410, zh: "该评议码已过期", en: "This ballot code has expired" },
  ballot_closed: {
    status: 409,
    zh: "该问题的群众评议已经结束",
    en: "The public review of this item has ended",
  },
  ballot_choice_invalid: { status: 422, zh: "评价选项无效", en: "That choice is not on this ballot" },
  objections_unanswered: {
    status: 409,
    zh: "公示期间的异议尚未全部答复，不能结束评议",
    en: "Objections lodged during the public notice must all be answered first",
  },
  not_on_public_notice: { status: 404, zh: "该问题不在公示期内", en: "This item is not on public notice" },
  webhook_url_invalid: {
    status: 422,
    zh: "机器人地址必须是 http 或 https 网址",
    en: "The robot webhook address must be an http or https URL",
  },
  email_invalid: { status: 422, zh: "电子邮箱格式不正确", en: "That e-mail address is not valid" },
  calendar_date_outside_year: {
    status: 422,
    zh: "日期不在 {year} 年内",
    en: "That date is not in {year}",
  },
  calendar_date_duplicate: { status: 422, zh: "日期 {date} 重复", en: "The date {date} appears twice" },
  calendar_workday_not_weekend: {
    status: 422,
    zh: "{date} 本来就是工作日，调休上班日只能是周末",
    en: "{date} is a weekday already; make-up working days fall on weekends",
  },
  extension_after_deadline: {
    status: 422,
    zh: "已超过整改时限，不能再申请延期",
    en: "The deadline has passed; an extension can only be requested before it",
  },
  extension_date_not_later: {
    status: 422,
    zh: "延期后的时限必须晚于当前时限（{deadline}）",
    en: "The new deadline must be later than the current one ({deadline})",
  },
  extension_pending: {
    status: 409,
    zh: "已有一份延期申请正在审批中",
    en: "An extension request for this item is already awaiting a decision",
  },
  extension_decided: {
    status: 409,
    zh: "该延期申请已经审批",
    en: "This extension request has already been decided",
  },
  not_supervisable: {
    status: 409,
    zh: "该问题尚未交办或已销号，不能督办",
    en: "This item is not assigned yet or already closed; it cannot be supervised",
  },
  notice_already_open: {
    status: 409,
    zh: "该问题已有同级别未办结的督办单（一事一单）",
    en: "This item already has an open notice of that level (one item, one notice)",
  },
  notice_not_open: {
    status: 409,
    zh: "该督办单已回复或已办结",
    en: "This notice has already been answered or closed",
  },
  notice_not_responded: {
    status: 409,
    zh: "责任单位尚未书面回复，不能办结督办单",
    en: "The unit has not answered this notice yet; it cannot be closed",
  },
  response_due_past: {
    status: 422,
    zh: "回复期限不能早于今天",
    en: "The response due date cannot be before today",
  },
  already_listed: { status: 409, zh: "该问题已挂牌督办", en: "This item is already listed for supervision" },
  not_listed: {
    status: 409,
    zh: "该问题未处于挂牌督办状态",
    en: "This item is not listed for supervision",
  },
  delisting_not_requested: {
    status: 409,
    zh: "尚未提出摘牌申请",
    en: "No delisting has been requested",
  },
  delisting_already_requested: {
    status: 409,
    zh: "已提出摘牌申请，正在等待核验",
    en: "Delisting has already been requested and awaits verification",
  },
  delisting_needs_other_verifier: {
    status: 409,
    zh: "摘牌须由申请人以外的人员核验",
    en: "Delisting must be verified by someone other than the requester",
  },
  proposal_decided: {
    status: 409,
    zh: "该升级督办建议已处理",
    en: "This escalation proposal has already been decided",
  },
  problem_outside_scope: {
    status: 422,
    zh: "所选问题不在您的管辖范围内",
    en: "That item is outside your scope",
  },
  subject_required: {
    status: 422,
    zh: "请指定被问责的单位或个人",
    en: "Name the unit or the person to be held accountable",
  },
  period_invalid: {
    status: 422,
    zh: "结束日期不能早于开始日期",
    en: "The end date cannot be before the start date",
  },
  user_outside_scope: {
    status: 422,
    zh: "所选人员不存在、已停用或不在您的管辖范围内",
    en: "That person does not exist, is deactivated or is outside your scope",
  },
  finding_already_converted: {
    status: 409,
    zh: "该问题线索已转为整改问题",
    en: "This finding has already become a problem",
  },
  decision_already_converted: {
    status: 409,
    zh: "该议定事项已转为问题或任务",
    en: "This decision has already become a problem or a task",
  },
  problem_not_active: {
    status: 422,
    zh: "只能向整改中的问题下达任务",
    en: "Tasks can only be added to a problem under rectification",
  },
  measure_not_in_problem: {
    status: 422,
    zh: "所选整改措施不属于该问题",
    en: "That measure does not belong to the problem",
  },
  org_not_member: {
    status: 422,
    zh: "该单位不是联席会议成员单位",
    en: "That org is not a member unit of the joint meeting",
  },
  agenda_item_duplicate: {
    status: 409,
    zh: "该问题已列入本次会议议题",
    en: "That problem is already on this session's agenda",
  },
  deadline_after_parent: {
    status: 400,
    zh: "截止日期不能晚于上级的截止日期 {parentDeadline}",
    en: "The deadline cannot be later than the parent's deadline {parentDeadline}",
  },
  org_unit_type_for_units: {
    status: 422,
    zh: "只有非行政区域的单位才能设置单位类型",
    en: "Only orgs that are not regions take a unit type",
  },
  research_lead_required: {
    status: 422,
    zh: "请指定带队领导（系统用户或姓名）",
    en: "Name the leading official (a user or a name)",
  },
  research_finding_converted: {
    status: 409,
    zh: "该调研发现的问题已转为问题台账",
    en: "That research finding has already become a problem",
  },
  research_convert_needs_assignment: {
    status: 422,
    zh: "非即知即改的问题须指定牵头单位和整改时限",
    en: "A finding not fixed on the spot needs a lead unit and a deadline",
  },
  research_outcome_link_invalid: {
    status: 422,
    zh: "成果转化关联的记录不存在或不在您的管辖范围内",
    en: "The record an outcome links to does not exist or is outside your scope",
  },
  // statistics
  stats_period_invalid: {
    status: 400,
    zh: "统计时段的开始日期不能晚于结束日期",
    en: "The period must not start after it ends",
  },
  stats_period_too_long: {
    status: 400,
    zh: "统计时段过长，趋势最多 {max} 个周期",
    en: "The period is too long; a trend shows at most {max} periods",
  },
  internal: { status: 500, zh: "服务器内部错误", en: "Internal server error" },
  unavailable: { status: 503, zh: "服务暂不可用", en: "Service unavailable" },
  login_delayed: {
    status: 429,
    zh: "失败次数过多，请 {retryAfter} 秒后再试",
    en: "Too many failed attempts; try again in {retryAfter} seconds",
  },
  webhook_host_not_allowed: {
    status: 400,
    zh: "机器人地址只能是钉钉（https://oapi.dingtalk.com/…）或企业微信（https://qyapi.weixin.qq.com/…）的官方地址",
    en: "A robot address must be DingTalk's (https://oapi.dingtalk.com/…) or WeCom's (https://qyapi.weixin.qq.com/…) official one",
  },
  too_many_query_parameters: {
    status: 400,
    zh: "查询参数过多（最多 {limit} 个）",
    en: "Too many query parameters (at most {limit})",
  },
  too_many_headers: {
    status: 431,
    zh: "请求头过多（最多 {limit} 个）",
    en: "Too many request headers (at most {limit})",
  },
  query_timeout: {
    status: 503,
    zh: "查询耗时过长，已中止，请缩小范围后重试",
    en: "The query took too long and was stopped; narrow it down and try again",
  },
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** Messages for the field errors of a validation failure, by JSON-Schema keyword. */
export const FIELD_ERRORS = {
  required: { zh: "必填", en: "is required" },
  type: { zh: "类型不正确", en: "has the wrong type" },
  minLength: { zh: "长度至少为 {limit}", en: "must be at least {limit} characters" },
  maxLength: { zh: "长度不能超过 {limit}", en: "must be at most {limit} characters" },
  minimum: { zh: "不能小于 {limit}", en: "must be at least {limit}" },
  maximum: { zh: "不能大于 {limit}", en: "must be at most {limit}" },
  minItems: { zh: "至少需要 {limit} 项", en: "needs at least {limit} items" },
  maxItems: { zh: "最多 {limit} 项", en: "takes at most {limit} items" },
  enum: { zh: "取值不在允许范围内", en: "is not one of the allowed values" },
  format: { zh: "格式不正确", en: "has the wrong format" },
  pattern: { zh: "格式不正确", en: "has the wrong format" },
  additionalProperties: { zh: "不允许的字段", en: "is not an allowed field" },
  invalid: { zh: "取值无效", en: "is not valid" },
  dateRange: { zh: "日期须在 {min} 至 {max} 之间", en: "must be a date from {min} to {max}" },
  maxProperties: { zh: "最多 {limit} 个字段", en: "takes at most {limit} fields" },
  notFinite: { zh: "必须是有限的数值", en: "must be a finite number" },
  tooDeep: { zh: "嵌套层级不能超过 {limit}", en: "must be nested at most {limit} levels deep" },
} as const;

export type FieldErrorCode = keyof typeof FIELD_ERRORS;
export type Lang = "zh" | "en";

/** Fills `{name}` placeholders of a message. */
export function formatMessage(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Picks the language from an Accept-Language header; zh-CN unless English comes first. */
export function langFrom(header: string | undefined): Lang {
  if (!header) return "zh";
  const first = header.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "zh";
}
