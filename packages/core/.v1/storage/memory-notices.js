/** Listeners by channel. */
export class MemoryNotices {
    #channels = new Map();
    subscribe(channel, listener) {
        let listeners = this.#channels.get(channel);
        if (listeners === undefined) {
            listeners = new Set();
            this.#channels.set(channel, listeners);
        }
        const set = listeners;
        set.add(listener);
        queueMicrotask(() => {
            if (set.has(listener))
                listener.ready();
        });
        return {
            close: async () => {
                set.delete(listener);
                if (set.size === 0 && this.#channels.get(channel) === set)
                    this.#channels.delete(channel);
            },
        };
    }
    /** Delivers to every listener of `channel`; a listener that throws does not stop the others. */
    publish(channel, notice) {
        const listeners = this.#channels.get(channel);
        if (listeners === undefined)
            return;
        for (const listener of [...listeners]) {
            try {
                listener.notice(notice);
            }
            catch {
                // A listener's own failure; core's listener never throws.
            }
        }
    }
}
//# sourceMappingURL=memory-notices.js.map