import { decodeNotice } from './notice-format.js';
const MIN_RETRY_MS = 50;
const MAX_RETRY_MS = 5000;
/** One subscription to one channel, kept alive until closed. */
export class RedisNoticeSubscription {
    #connect;
    #channel;
    #listener;
    #connection;
    #timer;
    #retryMs = MIN_RETRY_MS;
    #closed = false;
    constructor(connect, channel, listener) {
        this.#connect = connect;
        this.#channel = channel;
        this.#listener = listener;
        void this.#open();
    }
    async close() {
        this.#closed = true;
        clearTimeout(this.#timer);
        const connection = this.#connection;
        this.#connection = undefined;
        connection?.disconnect();
    }
    async #open() {
        if (this.#closed)
            return;
        let connection;
        try {
            connection = await this.#connect();
        }
        catch {
            connection = undefined;
        }
        if (connection === undefined || this.#closed) {
            connection?.disconnect();
            this.#retry();
            return;
        }
        this.#connection = connection;
        connection.on('error', () => { }); // a failing connection closes; `close` is what is acted upon
        connection.on('message', (channel, text) => {
            if (connection === this.#connection && channel === this.#channel)
                this.#listener.notice(decodeNotice(text));
        });
        connection.once('close', () => this.#lost(connection));
        connection.once('ready', () => {
            connection.subscribe(this.#channel).then(() => {
                if (connection !== this.#connection || this.#closed)
                    return;
                this.#retryMs = MIN_RETRY_MS;
                this.#listener.ready();
            }, (error) => this.#lost(connection, error));
        });
        connection.connect().catch(() => { }); // a refused connection ends in `close`
    }
    #lost(connection, error) {
        if (connection !== this.#connection)
            return;
        this.#connection = undefined;
        connection.disconnect();
        this.#listener.lost(error instanceof Error ? error : undefined);
        this.#retry();
    }
    #retry() {
        if (this.#closed)
            return;
        const delay = this.#retryMs;
        this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS);
        this.#timer = setTimeout(() => void this.#open(), delay);
        this.#timer.unref();
    }
}
/** Options every subscriber connection gets: cacheme reconnects and resubscribes itself (module doc). */
const SUBSCRIBER_OPTIONS = {
    lazyConnect: true,
    autoResubscribe: false,
    retryStrategy: () => null,
    maxRetriesPerRequest: null,
};
/** New subscriber connections to a single Redis: duplicates of the client (same options otherwise). */
export function singleConnect(client) {
    return async () => client.duplicate(SUBSCRIBER_OPTIONS);
}
/**
 * New subscriber connections to a Cluster: to any node (the client's current view), chosen at random
 * each time, as a duplicate of the client's own connection to it (same address, credentials, TLS).
 */
export function clusterConnect(cluster) {
    return async () => {
        let nodes = cluster.nodes('all');
        if (nodes.length === 0) {
            await cluster.ping(); // a lazily connecting Cluster knows no nodes before its first command
            nodes = cluster.nodes('all');
        }
        return nodes[Math.floor(Math.random() * nodes.length)]?.duplicate(SUBSCRIBER_OPTIONS);
    };
}
//# sourceMappingURL=redis-notices.js.map