/**
 * The {@code initlab} command: picocli subcommands, terminal tables, JSON output and the error
 * contract (exit 2 and one line for bad input, exit 1 for a failure while running, stack traces
 * only with {@code --debug}).
 */
package org.initlab.cli;
