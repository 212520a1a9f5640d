#ifndef SAMSPAR_COMMON_SERVER_TERMINATION_SIGNALS_H_
#define SAMSPAR_COMMON_SERVER_TERMINATION_SIGNALS_H_

namespace samspar::server {

// SIGTERM (Kubernetes stopping a pod) and SIGINT (Ctrl-C) are taken
// synchronously: BlockTerminationSignals, called first thing in main before
// any thread exists, makes every later thread inherit the block; the main
// thread then waits for one with WaitForTerminationSignal and shuts down in
// order, instead of dying inside a signal handler.
void BlockTerminationSignals();

// Waits for SIGTERM or SIGINT and returns which.
int WaitForTerminationSignal();

}  // namespace samspar::server

#endif  // SAMSPAR_COMMON_SERVER_TERMINATION_SIGNALS_H_
