import { runCli } from './cli.js';

const code = await runCli(process.argv.slice(2));
// Exit explicitly: HTTP keep-alive sockets opened by a connector would otherwise keep the process
// alive for a while after the work is done. stdout/stderr writes to pipes and files are
// synchronous on POSIX, so nothing printed is lost.
// eslint-disable-next-line unicorn/no-process-exit -- the CLI's entry point, for the reason above
process.exit(code);
