/*
 * The API's messages (and the shared zod schemas', which are the same words) in Chinese. The API
 * speaks English; a Chinese reader sees the same message in Chinese, and anything not listed
 * here as the API wrote it, so no message is ever lost.
 */
const EXACT: Record<string, string> = {
  'must be 18 characters': '应为 18 位',
  'contains a character not allowed in a USCC (I, O, Z, S, V are never used)':
    '含有统一社会信用代码不使用的字符（不使用 I、O、Z、S、V）',
  'organisation-code check character (position 17) is wrong':
    '组织机构代码校验位（第 17 位）不正确',
  'check character (position 18) is wrong': '校验位（第 18 位）不正确',
  'is required to register a chamber': '登记商会必须填写统一社会信用代码',
  'must start with 51: a chamber is a social group registered with civil affairs':
    '应以 51 开头：商会是在民政部门登记的社会团体',
  'must be a 6-digit region code': '应为 6 位行政区划代码',
  'is not a region code in the division data': '不是有效的行政区划代码',
  'must be a county code': '应为县区代码',
  'must be a 9-digit township code': '应为 9 位乡镇（街道）代码',
  'is not a township in the division data': '不是本地的乡镇（街道）',
  'must be a 12-digit village code': '应为 12 位村代码',
  'is not a village in the division data': '不是本地的村',
  'must be a region code of 6, 9 or 12 digits': '应为 6、9 或 12 位行政区划代码',
  'must not be in the future': '不能晚于今天',
  'lists a function twice': '同一职能选了两次',
  'names no field to change': '没有要修改的内容',
  'must be the version number you read': '应为您读取到的版本号',
  'is not a cursor this list returned': '翻页参数无效，请从第一页重新查询',
  'a non-local chamber needs the 6-digit code of its home region': '异地商会需要选择籍贯地',
  // Accounts
  'is not an email address': '不是有效的电子邮箱',
  'is not a mainland China mobile number (11 digits starting with 1)':
    '不是有效的手机号码（以 1 开头的 11 位数字）',
  'needs an email or a mobile number': '邮箱和手机号码至少填写一项',
  'is required for a chamber-officer': '商会工作人员需要选择所在商会',
  'only a chamber-officer acts for a chamber': '只有商会工作人员才对应一个商会',
  'is not a chamber': '没有这个商会',
  'You cannot disable your own account.': '不能停用自己的账号',
};

const PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^a (\S+) chamber needs a (\d+)-digit region code$/, (m) => `该类型商会需要 ${m[2]} 位地区代码`],
  [/^Too small: expected string to have >=1 characters?$/, () => '必填'],
  [/^Too big: expected string to have <=(\d+) characters$/, (m) => `不能超过 ${m[1]} 个字`],
  [/^Invalid option: expected one of .*$/, () => '请从列表中选择'],
  [/^Invalid input: expected string, received undefined$/, () => '必填'],
  [/^Invalid input: expected (\w+), received (\w+)$/, () => '格式不正确'],
  [/^Invalid ISO date$/, () => '日期格式不正确'],
  [/^Unrecognized keys?: .*$/, () => '含有不认识的字段'],
  [
    /^A chamber that is (\w+) cannot be sent to (\w+)\.$/,
    () => '商会当前的状态不允许办理这项操作，请刷新后查看最新状态',
  ],
  [
    /^The USCC (\S+) is already registered to another chamber\.$/,
    (m) => `统一社会信用代码 ${m[1]} 已登记给另一个商会`,
  ],
  [
    /^A member with USCC (\S+) already belongs to this chamber\.$/,
    (m) => `统一社会信用代码为 ${m[1]} 的企业已是本会会员`,
  ],
  [/^Region (\d+) is outside your region\.$/, (m) => `地区 ${m[1]} 不在您的管辖范围内`],
  [/^No chamber (\S+)\.$/, () => '没有这个商会，或不在您的查看范围内'],
  [/^If-Match does not match the current version\.$/, () => '记录已被他人修改'],
  // Accounts
  [/^is required for [\w-]+$/, () => '请选择管辖地区'],
  [/^Chamber (\S+) is outside your region\.$/, () => '该商会不在您的管辖范围内'],
  [
    /^Chamber (\S+) is (\w+): nobody acts for it\.$/,
    () => '该商会已注销或未获批准，不能再为其开通账号',
  ],
  [
    /^The (email address|mobile number) (\S+) is already another account’s contact\.$/,
    (m) => `${m[1] === 'email address' ? '邮箱' : '手机号码'} ${m[2]} 已被另一个账号使用`,
  ],
  [/^No account (\S+)\.$/, () => '没有这个账号，或不在您的管辖范围内'],
  [
    /^a chamber officer’s region is their chamber’s \((\d+)\)$/,
    () => '商会工作人员的地区就是其商会所在地区',
  ],
];

export function translateApiMessage(message: string): string {
  const exact = EXACT[message];
  if (exact) return exact;
  for (const [pattern, render] of PATTERNS) {
    const m = pattern.exec(message);
    if (m) return render(m);
  }
  return message;
}
