/*
 * log.h — one line per event on stderr: time, level, message.
 *
 * Rule: never pass citizen data (names, CPR numbers, notes) to these
 * functions; log ids instead. The integration tests grep the server's log
 * for CPR-shaped strings.
 */
#ifndef OMSORG_LOG_H
#define OMSORG_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
