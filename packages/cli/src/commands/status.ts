import { readConfigFile } from '../config-file.js';
import { describeConnectorError, isConnectorError } from '../connector-error.js';
import { importConnectorModule } from '../logto-host/index.js';
import type { Output } from '../output.js';
import { collectSecrets, createRedactor } from '../redact.js';
import { isRecord } from '../unknown-values.js';
import { exitCodes } from '../usage-error.js';
import { resolveConnectorSource } from '../workspace.js';

import {
  jsonFailureBeforeRun,
  readCommandOptions,
  progressFor,
  withHostedConnector,
} from './hosted-run.js';
import type { ConnectorInfo } from './send/render.js';
import { parseStatusArgs, statusHelp, type StatusOptions } from './status/args.js';
import {
  printable,
  printableDeep,
  readReport,
  statusErrorLines,
  statusLines,
  type StatusJson,
} from './status/render.js';

export { statusHelp } from './status/args.js';
export type { StatusJson } from './status/render.js';

/** The named export every logto-sms connector adds for this command (Logto ignores it). */
export const queryExportName = 'queryDeliveryStatus';

/** The connector's id: its `connectorId` export, else `metadata.id`, else the package name. */
const connectorIdOf = (module: Record<string, unknown>, packageName: string): string => {
  if (typeof module.connectorId === 'string') {
    return module.connectorId;
  }
  const { metadata } = module;
  return isRecord(metadata) && typeof metadata.id === 'string' ? metadata.id : packageName;
};

/** The `permissions` of a connector's `deliveryStatusSource` export, if it has one. */
const permissionsOf = (source: unknown): string[] | undefined => {
  const permissions = isRecord(source) ? source.permissions : undefined;
  return Array.isArray(permissions) &&
    permissions.every((item) => typeof item === 'string') &&
    permissions.length > 0
    ? permissions.map((item) => printable(item))
    : undefined;
};

/** `logto-sms status`: what the provider knows about recent messages to one number. Returns the exit code. */
export const runStatus = async (argv: readonly string[], output: Output): Promise<number> => {
  const options = readCommandOptions(
    argv,
    {
      parse: parseStatusArgs,
      help: statusHelp,
      usageJson: (message) =>
        ({
          ok: false,
          stage: 'usage',
          error: { message },
        }) satisfies StatusJson,
    },
    output
  );
  if (typeof options === 'number') {
    return options;
  }

  let redactor = createRedactor([]);
  const emitJson = (value: StatusJson) => {
    output.line(JSON.stringify(redactor.deep(printableDeep(value)), null, 2));
  };
  try {
    const source = resolveConnectorSource('status', options.target);
    const config = await readConfigFile('status', options.configFile);
    redactor = createRedactor(collectSecrets(config));
    output.setRedactor(redactor);
    return await statusWith(source, config, { options, output, emitJson });
  } catch (error) {
    return jsonFailureBeforeRun(error, options.json, (stage, message) => {
      emitJson({ ok: false, stage, error: { message } });
    });
  }
};

type StatusRun = {
  options: StatusOptions;
  output: Output;
  emitJson: (value: StatusJson) => void;
};

/** A failure as one JSON object (`--json`) or as `text` on a line. */
const printFailure = (
  { options, output, emitJson }: StatusRun,
  failure: Extract<StatusJson, { ok: false }>,
  text: string
) => {
  if (options.json) {
    emitJson(failure);
  } else {
    output.line(text);
  }
};

/** The connector's answer: the report printed (exit 0), or a connector bug reported (exit 1). */
const printAnswer = (run: StatusRun, info: ConnectorInfo, answer: unknown): number => {
  const { options, output, emitJson } = run;
  const report = readReport(answer);
  if (!report) {
    const message = `${info.package}'s ${queryExportName} answered something that is not a delivery report; this is a connector bug.`;
    printFailure(
      run,
      { ok: false, stage: 'query', connector: info, error: { message } },
      `${output.red('✗')} ${message}`
    );
    return exitCodes.failed;
  }
  const clean = printableDeep(report);
  if (options.json) {
    emitJson({ ok: true, connector: info, to: options.to, ...clean });
  } else {
    for (const line of statusLines(output, options.to, clean)) {
      output.line(line);
    }
  }
  return exitCodes.ok;
};

/** What the lookup threw, explained; with invalid_config, what the lookup needs. Returns exit 1. */
const printLookupError = (
  run: StatusRun,
  info: ConnectorInfo,
  error: unknown,
  deliveryStatusSource: unknown
): number => {
  const { options, output, emitJson } = run;
  if (!isConnectorError(error)) {
    const message = `${queryExportName} threw a plain ${error instanceof Error ? error.name : typeof error} instead of a ConnectorError; this is a connector bug.`;
    printFailure(
      run,
      {
        ok: false,
        stage: 'query',
        connector: info,
        error: { code: 'not_a_connector_error', message },
      },
      `${output.red('✗ Lookup failed:')} ${message}`
    );
    return exitCodes.failed;
  }
  const described = describeConnectorError(error);
  const stage =
    described.code === 'invalid_config' && described.providerCode === undefined
      ? 'config'
      : 'query';
  // The connector's own list of what the lookup needs, next to a refusal that may be about it.
  const needs =
    described.code === 'invalid_config' ? permissionsOf(deliveryStatusSource) : undefined;
  if (options.json) {
    emitJson({
      ok: false,
      stage,
      connector: info,
      error: described,
      ...(needs ? { needs } : {}),
    });
  } else {
    for (const line of statusErrorLines(output, described)) {
      output.line(line);
    }
    if (needs) {
      output.line(`  This lookup needs: ${needs.join('; ')}`);
    }
  }
  return exitCodes.failed;
};

const statusWith = async (
  source: ReturnType<typeof resolveConnectorSource>,
  config: Record<string, unknown>,
  run: StatusRun
): Promise<number> => {
  const { options, output } = run;
  const progress = progressFor(output, options.json);
  return withHostedConnector(source, progress, async (hosted) => {
    const module = await importConnectorModule(hosted);
    const id = connectorIdOf(module, hosted.name);
    const info: ConnectorInfo = { id, package: hosted.name, version: hosted.version };
    const query = module[queryExportName];
    if (typeof query !== 'function') {
      const message = `${hosted.name} ${hosted.version} has no ${queryExportName} export, so it cannot look up delivery status (a connector built before this command, or not a logto-sms connector).`;
      printFailure(
        run,
        { ok: false, stage: 'load', connector: info, error: { message } },
        `${output.red('✗')} ${message}`
      );
      return exitCodes.failed;
    }
    if (!options.json) {
      output.line(`Loaded ${output.bold(info.id)} (${info.package} ${info.version})`);
    }

    try {
      const answer: unknown = await progress(
        `Asking the provider about ${options.to}`,
        async () => {
          const pending: unknown = Reflect.apply(query, undefined, [
            config,
            {
              to: options.to,
              ...(options.since === undefined ? {} : { since: options.since }),
              ...(options.id === undefined ? {} : { id: options.id }),
            },
          ]);
          return pending;
        }
      );
      return printAnswer(run, info, answer);
    } catch (error) {
      return printLookupError(run, info, error, module.deliveryStatusSource);
    }
  });
};
