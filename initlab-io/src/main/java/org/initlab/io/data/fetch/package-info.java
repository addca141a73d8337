/**
 * Downloading the known data sets ({@link org.initlab.io.data.FileSets}) into a data folder:
 * {@link org.initlab.io.data.fetch.Fetcher} tries each source in turn, writes every file to a
 * hidden {@code .NAME.part} beside its destination (resumed with an HTTP {@code Range} request
 * when one is left over), checks its size and SHA-256 and only then moves it into place
 * atomically; {@link org.initlab.io.data.fetch.FolderLock} keeps two fetches of the same folder
 * (threads or processes) from writing at once. Failures are
 * {@link org.initlab.io.data.fetch.FetchException}s with one line saying what happened.
 */
package org.initlab.io.data.fetch;
