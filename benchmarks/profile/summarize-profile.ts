/**
 * Where the CPU time of a profiled hit loop goes: self time of every sampled function, grouped into the
 * categories the optimisation cares about (ioredis command construction, reply parsing, cacheme core by
 * file, devalue, promise/microtask machinery, timers, the socket, GC), reported per hit.
 *
 *   tsx profile/summarize-profile.ts <file.cpuprofile> <hits> [top N functions]
 *
 * `(idle)` is time the thread waited (for Redis); percentages are of the busy time (everything else).
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}
interface ProfileNode {
  id: number
  callFrame: CallFrame
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const [file, hitsArg, topArg = '25'] = process.argv.slice(2)
if (!file || !hitsArg) throw new Error('usage: summarize-profile.ts <file.cpuprofile> <hits> [top]')
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
const hits = Number(hitsArg)

/** Category of a frame. Order matters: the first match wins. */
function category({ functionName, url }: CallFrame): string {
  if (functionName === '(idle)') return '(idle: waiting for Redis)'
  if (functionName === '(garbage collector)') return 'GC'
  if (functionName === '(program)') return 'native (V8/libuv, syscalls)'
  // Node writes a command string to the socket synchronously: the write(2) syscall runs inside this builtin.
  if (functionName === 'writeUtf8String') return 'socket write: writeUtf8String (incl. the write syscall)'
  if (url.includes('/redis-parser/') || url.includes('DataHandler')) return 'ioredis: reply parsing'
  if (url.includes('/ioredis/')) {
    const name = basename(url)
    if (name === 'Command.js') return 'ioredis: command construction (Command)'
    if (/^(Redis|Commander|autoPipelining|event_handler|utils)/.test(name) || url.includes('/utils/')) {
      return 'ioredis: sendCommand / write path'
    }
    if (name === 'Pipeline.js') return 'ioredis: Pipeline'
    return `ioredis: other (${name})`
  }
  if (url.includes('/devalue/')) return 'devalue decode'
  if (url.includes('/packages/core/') || url.includes('@cacheme/core'))
    return `cacheme core: ${basename(url)}`
  if (url.includes('/denque/') || url.includes('/standard-as-callback/'))
    return 'ioredis: queue/callback deps'
  if (
    url.startsWith('node:internal/process/task_queues') ||
    url.startsWith('node:internal/process/promises')
  ) {
    return 'promise / microtask machinery'
  }
  if (url.startsWith('node:internal/timers') || url.startsWith('node:timers')) return 'node timers'
  if (/^node:(net|internal\/(stream|net|streams|stream_base)|stream|buffer)/.test(url))
    return 'node socket + streams'
  if (url.startsWith('node:')) return `node other (${url.replace('node:', '')})`
  if (url.includes('/benchmarks/')) return 'benchmark loop'
  if (url === '') {
    if (/^(parse|stringify)$/.test(functionName)) return `V8 builtin: JSON.${functionName}`
    if (/Promise|await|Microtask|then/i.test(functionName)) return 'promise / microtask machinery'
    return `V8 builtin: ${functionName || '(anonymous)'}`
  }
  return `other: ${basename(url)}`
}

const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const selfUs = new Map<number, number>()
profile.samples.forEach((id, i) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
})
const categories = new Map<string, number>()
const functions = new Map<string, number>()
let busy = 0
for (const [id, us] of selfUs) {
  const frame = byId.get(id)!.callFrame
  const cat = category(frame)
  categories.set(cat, (categories.get(cat) ?? 0) + us)
  if (!cat.startsWith('(idle')) busy += us
  const fn = `${frame.functionName || '(anonymous)'} ${frame.url ? `${basename(frame.url)}:${frame.lineNumber + 1}` : ''}`
  functions.set(fn, (functions.get(fn) ?? 0) + us)
}
const total = [...categories.values()].reduce((a, b) => a + b, 0)
console.log(
  `\n${basename(file)}: ${hits} hits, ${(total / 1000).toFixed(0)} ms sampled, busy ${(busy / 1000).toFixed(0)} ms = ${(busy / hits).toFixed(2)} µs CPU per hit\n`,
)
console.log('| category | self ms | % of busy | µs per hit |')
console.log('|---|---:|---:|---:|')
for (const [cat, us] of [...categories].sort((a, b) => b[1] - a[1])) {
  const share = cat.startsWith('(idle') ? '' : `${((us / busy) * 100).toFixed(1)} %`
  console.log(`| ${cat} | ${(us / 1000).toFixed(1)} | ${share} | ${(us / hits).toFixed(2)} |`)
}
console.log(`\nTop ${topArg} functions by self time:\n`)
console.log('| function | µs per hit | % of busy |')
console.log('|---|---:|---:|')
for (const [fn, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg))) {
  if (fn.startsWith('(idle)')) continue
  console.log(`| \`${fn.trim()}\` | ${(us / hits).toFixed(2)} | ${((us / busy) * 100).toFixed(1)} % |`)
}
