/**
 * The application nodes sharing one database: each node's id and heartbeat, and which
 * nodes are alive (decision 0027).
 */
package io.dakehu.shared.cluster;
