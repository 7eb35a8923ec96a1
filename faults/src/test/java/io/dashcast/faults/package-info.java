/**
 * The fault matrix: {@link io.dashcast.faults.FaultMatrixTest} runs one row per fault against the
 * daemon in-process ({@link io.dashcast.faults.FaultRig}: simulated Dash nodes, a fake dashd, every
 * ingress) and writes the table of submitted, delivered, reported-failed and lost blocks.
 */
package io.dashcast.faults;
