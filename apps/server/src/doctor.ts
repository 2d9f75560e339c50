import { loadConfig, ConfigError } from './config.js';
import { unknownVariables } from './config-variables.js';
import { checkDatabase } from './doctor/check-database.js';
import { checkEventBus } from './doctor/check-event-bus.js';
import { checkIdentity } from './doctor/check-identity.js';
import { checkMcpServers } from './doctor/check-mcp.js';
import { checkModel } from './doctor/check-model.js';
import { fail, formatResult, ok, warn, type CheckResult } from './doctor/check-result.js';

/**
 * `npm run doctor`: the configuration, the database, Redis when it carries the event bus, the identity provider's keys, the model
 * endpoint and the MCP servers, checked as the app would use them, one line each with the fix
 * for anything wrong. Exit code 1 when a check fails (warnings alone leave it 0). It reads and
 * asks; it changes nothing (no database is created, no migration applied).
 */
async function runChecks(env: NodeJS.ProcessEnv): Promise<CheckResult[]> {
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [
      fail('configuration', `${error.message}.`, `correct ${error.variable} (docs/configuration.md lists every variable).`),
    ];
  }
  const set = Object.keys(env).filter(
    (name) => /^(CHATWIRE_|AUTH_|OPENAI_|DATABASE_URL$|PORT$|HOST$|OTEL_)/.test(name) && env[name]?.trim(),
  );
  const results: CheckResult[] = [ok('configuration', `${set.length} variable(s) set, every one valid.`)];
  for (const { name, suggestion } of unknownVariables(env)) {
    results.push(
      warn(
        'configuration',
        `${name} is set, but the app reads no such variable.`,
        suggestion ? `did you mean ${suggestion}?` : 'remove it.',
      ),
    );
  }
  const checks = await Promise.all([
    checkDatabase(config),
    checkEventBus(config),
    checkIdentity(config),
    checkModel(config),
    checkMcpServers(config),
  ]);
  return [...results, ...checks.flat()];
}

const results = await runChecks(process.env);
const width = Math.max(...results.map((result) => result.name.length));
for (const result of results) process.stdout.write(`${formatResult(result, width)}\n`);
const failed = results.filter((result) => result.status === 'fail').length;
process.stdout.write(failed === 0 ? 'All checks passed.\n' : `${failed} check(s) failed.\n`);
process.exit(failed === 0 ? 0 : 1);
