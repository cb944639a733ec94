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
  account_locked: {
    status: 423,
    zh: "连续登录失败次数过多，账号已锁定至 {until}",
    en: "Too many failed sign-ins; the account is locked until {until}",
  },
  account_inactive: { status: 401, zh: "账号已停用", en: "The account is deactivated" },
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
  internal: { status: 500, zh: "服务器内部错误", en: "Internal server error" },
  unavailable: { status: 503, zh: "服务暂不可用", en: "Service unavailable" },
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
