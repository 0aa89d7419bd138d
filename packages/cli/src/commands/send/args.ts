import { parseCommandArgs, readConnectorCall, stringOption } from '../../args.js';
import { allUsageTypes } from '../../sandbox-configs.js';
import { UsageError } from '../../usage-error.js';

export const sendHelp = `Usage: logto-sms send <aliyun|aliyun-mas|yunpian|tencent|package-dir|file.tgz> --config <file.json> --to <phone> [options]

Sends one verification code through a connector exactly as Logto would: the package is packed
with npm, extracted into a Logto-shaped directory WITHOUT installing its dependencies, and loaded
with @logto/cli's own loader. By default it does what the Console's "Send" button does: type
Generic, code 000000, and the config passed as the unsaved form.

Arguments:
  aliyun | aliyun-mas | yunpian | tencent
                         this repository's built connector (run "pnpm build" first)
  <package-dir>          any built connector package directory (with lib/index.js)
  <file.tgz>             a connector tarball as made by "npm pack"

Options:
  --config <file.json>   the connector config, as you would paste it into the Console (required)
  --to <phone>           recipient, digits only with the country code, e.g. 8613800138000 (required)
  --type <usageType>     Generic (default), SignIn, Register, ForgotPassword, ...
  --code <code>          the code to send (default 000000); masked in everything printed
                         except the phone number
  --locale <tag>         payload.locale, e.g. zh-CN or en (selects a locale template)
  --saved                pass the config as sign-in does (through getConfig) instead of as the
                         Console's unsaved form
  --json                 print one JSON object instead of text
  -h, --help             show this help

Secrets in the config (accessKeySecret, securityToken, apikey, ...) are never printed; the code
only where a phone number contains its digits.

Exit codes:
  0  the connector sent the message
  1  the connector refused: invalid config, a ConnectorError, or it failed to load
  2  usage error (unknown flag, missing --config/--to, unreadable config file)

Examples:
  logto-sms send aliyun --config aliyun.json --to 8613800138000
  logto-sms send aliyun-mas --config aliyun-mas.json --to 8613800138000 --type SignIn
  logto-sms send yunpian --config yunpian.json --to 85261234567 --type SignIn --locale en --json
  logto-sms send tencent --config tencent.json --to 16502530000`;

// Every TemplateType Logto sends, plus the deprecated Test that older versions still send.
const usageTypes: readonly string[] = [...allUsageTypes, 'Test'];

export type SendOptions = {
  target: string;
  configFile: string;
  to: string;
  type: string;
  code: string;
  locale?: string;
  saved: boolean;
  json: boolean;
};

export const parseSendArgs = (argv: readonly string[]): SendOptions | 'help' => {
  const parsed = parseCommandArgs(
    'send',
    argv,
    {
      config: { type: 'string' },
      to: { type: 'string' },
      type: { type: 'string' },
      code: { type: 'string' },
      locale: { type: 'string' },
      saved: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    { maxPositionals: 1 }
  );
  const { values } = parsed;
  if (values.help) {
    return 'help';
  }
  const { target, configFile, to } = readConnectorCall('send', parsed);
  const type = stringOption(values, 'type') ?? 'Generic';
  if (!usageTypes.includes(type)) {
    throw new UsageError(`--type must be one of ${usageTypes.join(', ')}; got "${type}".`, 'send');
  }
  const code = stringOption(values, 'code') ?? '000000';
  if (code === '') {
    throw new UsageError('--code must not be empty.', 'send');
  }
  const locale = stringOption(values, 'locale');
  return {
    target,
    configFile,
    to,
    type,
    code,
    ...(locale === undefined ? {} : { locale }),
    saved: values.saved === true,
    json: values.json === true,
  };
};
