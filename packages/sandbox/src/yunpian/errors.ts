/** YunPian's v2 error envelope: always HTTP 400 with a numeric code, a short msg and a detail. */
export class YunpianError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly detail: string,
    readonly status = 400
  ) {
    super(message);
  }
}

const catalogue: Record<number, [msg: string, detail: string]> = {
  1: ['请求参数缺失', '补充必须传入的参数'],
  2: ['请求参数格式错误', '按提示修改参数值的格式'],
  3: ['账户余额不足', '账户需要充值,请充值后重试'],
  4: ['关键词屏蔽', '关键词屏蔽'],
  5: ['未找到匹配的模板', '未自动匹配到合适的模板'],
  7: ['模板不可用', '审核状态的模板和审核未通过的模板不可用'],
  8: ['同一手机号30秒内重复提交相同的内容', '请检查是否同一手机号在30秒内重复提交相同的内容'],
  9: [
    '同一手机号5分钟内重复提交相同的内容超过3次',
    '为避免重复发送骚扰用户，同一手机号5分钟内相同内容最多只能发3次',
  ],
  10: ['手机号防骚扰名单过滤', '手机号在防骚扰名单中'],
  11: ['接口不支持GET方式调用', '请按提示或者文档说明使用POST方式调用'],
  12: ['接口不支持POST方式调用', '请按提示或者文档说明使用GET方式调用'],
  13: ['营销短信暂停发送', '需要联系客服暂停营销短信'],
  14: ['解码失败', '请确认内容编码是否设置正确'],
  15: ['签名不匹配', '短信签名与默认签名或模板签名不一致'],
  16: ['签名格式不正确', '短信内容中只能包含一个【】，且签名须在最前面'],
  17: ['24小时内同一手机号发送次数超过限制', '24小时内同一手机号验证码短信最多发送10条'],
  20: ['暂不支持的国家地区', '请确认号码归属地'],
  22: ['1小时内同一手机号发送次数超过限制', '1小时内同一手机号验证码短信最多发送3条'],
  23: ['号码归属地不在模板可发送的地区内', '请提交模板可发送国家列表内的号码'],
  28: ['运营商错误', '请稍后重试'],
  33: ['超过频率', '同一手机号30秒内只能发送1条验证码短信'],
  43: ['一天内同一手机号发送次数超过限制', '一天内同一手机号发送次数超过限制'],
  48: ['参数长度超过限制', '参数长度超过限制'],
  53: ['手机号接收超过频率限制', '手机号接收超过频率限制'],
  [-1]: ['非法的apikey', '请检查您的apikey是否正确，或者账户已经失效'],
  [-2]: ['API没有权限', '用户没有对应的API权限'],
  [-3]: ['IP没有权限', 'IP 127.0.0.1 未加入白名单,可在后台‘系统设置->IP白名单设置’里添加'],
  [-4]: ['访问次数超限', '调整访问频率或者申请更高的调用量'],
  [-5]: ['访问频率超限', '短期内访问过于频繁，请降低访问频率'],
  [-50]: ['未知异常', '系统出现未知的异常情况'],
  [-51]: ['系统繁忙', '系统繁忙，请稍后重试'],
  [-53]: ['提交短信失败', '系统繁忙，请稍后重试'],
  [-57]: ['无可用签名', '请先设置默认签名'],
};

/** An error with the real msg/detail for known codes; `detail` overrides the generic one. */
export const yunpianError = (
  code: number,
  detail?: string,
  message?: string,
  status?: number
): YunpianError => {
  const [knownMessage, knownDetail] = catalogue[code] ?? ['未知错误', '未知错误'];
  return new YunpianError(code, message ?? knownMessage, detail ?? knownDetail, status);
};

export const yunpianErrorBody = (error: YunpianError) => ({
  http_status_code: error.status,
  code: error.code,
  msg: error.message,
  detail: error.detail,
});
