// mutexify/promise disagrees with the toro-ts model of Lock: a standalone reproduction.
//
// Rule broken: Nothing lost or duplicated (rule 3). Permits, items and wakeups are conserved: none is lost, duplicated or leaked.
// Tick 2: #1 is never served: a permit, item or wakeup was lost.
//
// The program:
//   new Lock()
//     tick 1: #0 acquire()
//     tick 2: #1 acquire(); #2 release() on #0; #3 release() on #0
//
// It runs the library alone, on a virtual clock with the event loop's schedule, prints what
// happens, then the first line where the toro-ts model says otherwise.
// Run it with Node 20 or later: node repro.mjs (exit status 1 while the bug is there).

import mutexify from 'mutexify/promise.js';
import { getEventListeners } from 'node:events';

const __name = (target) => target;
const virtualClock = function virtualClock(){const g=globalThis;const real={setTimeout:g["setTimeout"],clearTimeout:g["clearTimeout"],setInterval:g["setInterval"],clearInterval:g["clearInterval"],dateNow:Date.now,performanceNow:g.performance?.now};const realSetImmediate=g["setImmediate"];const realSetTimeout=real.setTimeout;const turn=__name(()=>new Promise(resolve=>{if(realSetImmediate!==void 0)realSetImmediate(resolve);else realSetTimeout(resolve,0)}),"turn");const drain=__name(async()=>{await turn();await turn()},"drain");let now=0;let nextId=1;let seq=0;const live=new Map;const handle=__name(id=>({ref(){return this},unref(){return this},hasRef:__name(()=>true,"hasRef"),refresh(){const timer=live.get(id);if(timer!==void 0){timer.due=now+(timer.interval??0);timer.seq=seq++}return this},[Symbol.toPrimitive]:()=>id}),"handle");const delay=__name(ms=>{const n=Number(ms);return Number.isFinite(n)&&n>=1?Math.floor(n):0},"delay");const set=__name((callback,ms,args,repeat)=>{if(typeof callback!=="function")throw new TypeError('The "callback" argument must be of type function');const id=nextId++;const d=delay(ms);live.set(id,{id,callback,args,interval:repeat?Math.max(d,1):void 0,due:now+d,seq:seq++});return handle(id)},"set");const clear=__name(timer=>{if(timer===void 0||timer===null)return;live.delete(Number(timer))},"clear");const fake={setTimeout:__name((callback,ms,...args)=>set(callback,ms,args,false),"setTimeout"),clearTimeout:clear,setInterval:__name((callback,ms,...args)=>set(callback,ms,args,true),"setInterval"),clearInterval:clear};const next=__name(until=>{let best;for(const timer of live.values()){if(timer.due<=until&&(best===void 0||timer.due<best.due||timer.due===best.due&&timer.seq<best.seq))best=timer}return best},"next");const fire=__name(timer=>{if(timer.interval===void 0)live.delete(timer.id);else{timer.due=now+timer.interval;timer.seq=seq++}timer.callback(...timer.args)},"fire");const runUntil=__name(async until=>{await drain();for(let timer=next(until);timer!==void 0;timer=next(until)){now=Math.max(now,timer.due);fire(timer);await drain()}now=Math.max(now,until)},"runUntil");return{get now(){return now},install(){Object.assign(g,fake);Date.now=()=>now;if(g.performance!==void 0)g.performance.now=()=>now},uninstall(){Object.assign(g,{setTimeout:real.setTimeout,clearTimeout:real.clearTimeout,setInterval:real.setInterval,clearInterval:real.clearInterval});Date.now=real.dateNow;if(g.performance!==void 0&&real.performanceNow!==void 0)delete g.performance.now;live.clear()},timers:__name(()=>live.size,"timers"),settle:__name(()=>runUntil(now),"settle"),advance:__name(ms=>runUntil(now+ms),"advance")}};
const realSide = function realSide(parts){const controllers=new Map;const handles=new Map;const composed=new Set;const items=new Map;const bodies=new Map;let finished=[];let instance;let settled=[];const num=__name(v=>v==="NaN"?Number.NaN:v==="Infinity"?Number.POSITIVE_INFINITY:v==="-Infinity"?Number.NEGATIVE_INFINITY:v,"num");const nameOf=__name(error=>{for(const[name,matches]of Object.entries(parts.errors))if(matches(error))return name;if(typeof error==="object"&&error!==null&&"name"in error)return String(error.name);return`non-error ${typeof error}`},"nameOf");const plain=__name(value=>{if(value===null||typeof value!=="object")return value;const out={};for(const[k,v]of Object.entries(value))out[k]=typeof v==="object"&&v!==null?"object":v;return out},"plain");const observe=__name(()=>{const observed={};for(const[name,read]of Object.entries(parts.observers)){if(read===void 0)continue;try{observed[name]=plain(read(instance))}catch(error){observed[name]=`threw ${nameOf(error)}`}}return observed},"observe");const resources=__name(()=>{const listeners={};for(const[n,controller2]of controllers)if(!controller2.signal.aborted)listeners[`s${n}`]=parts.listeners(controller2.signal,"abort").length;return{timers:parts.clock.timers(),listeners}},"resources");const controller=__name(n=>{let found=controllers.get(n);if(found===void 0){found=new AbortController;controllers.set(n,found)}return found},"controller");const traced=__name((call2,value,id)=>{if(value===void 0)return void 0;if(parts.givesHandle.includes(call2)){handles.set(id,value);return"handle"}if(typeof value==="object"&&value!==null)return items.get(value)??"object";if(typeof value==="boolean"||typeof value==="number"||typeof value==="string")return value;return String(value)},"traced");const returned=__name(value=>value===void 0?{kind:"returned"}:{kind:"returned",value},"returned");const call=__name(action=>{const onHandle=action.on!==void 0;const composite=onHandle?void 0:parts.composites[action.call];const waits=!onHandle&&(composite!==void 0||parts.waits.includes(action.call));const options={};if(action.timeout!==void 0)options.timeout=num(action.timeout);if(action.signal!==void 0)options.signal=controller(action.signal).signal;if(action.priority!==void 0)options.priority=action.priority;if(action.limit!==void 0)options.limit=action.limit;const item=Object.freeze({key:action.key??0,label:action.id});items.set(item,action.id);const signal=options.signal;if(onHandle&&!handles.has(action.on))return{kind:"returned"};const implementation=onHandle?composed.has(action.on)?(_,c)=>c.handle.release():parts.handleRelease:parts.calls[action.call];if(implementation===void 0&&composite===void 0)return{kind:"threw",error:`no ${action.call} to call`};const context={options:waits&&Object.keys(options).length>0?options:void 0,item,n:action.n===void 0?void 0:num(action.n),weight:action.weight===void 0?void 0:num(action.weight),immediate:action.immediate,priority:action.priority,limit:action.limit,handle:onHandle?handles.get(action.on):void 0};let started=false;const kind=action.body??"held";const bodyValue=Object.freeze({body:action.id});const bodyError=new Error(`the body of #${action.id} failed, as the program says`);bodies.set(bodyValue,`value of #${action.id}`);bodies.set(bodyError,`error of #${action.id}`);const body=__name(()=>{started=true;composed.add(action.id);settled.push({id:action.id,outcome:"resolved",value:"handle"});if(kind==="returns"||kind==="throws"){handles.set(action.id,{release:__name(()=>void 0,"release")});if(kind==="throws")throw bodyError;return bodyValue}return new Promise((resolve,reject)=>handles.set(action.id,{release:__name(()=>kind==="rejects"?reject(bodyError):resolve(bodyValue),"release")}))},"body");const rejection=__name(error=>{const name=bodies.get(error)??nameOf(error);if(bodies.has(error))return{id:action.id,outcome:"rejected",error:name};if(signal!==void 0&&signal.aborted&&(error===signal.reason||parts.abortAny&&!started))return{id:action.id,outcome:"aborted"};if(name==="TimeoutError")return{id:action.id,outcome:"timeout"};return{id:action.id,outcome:"rejected",error:name}},"rejection");let value;try{value=composite===void 0?implementation(instance,context):composite(instance,context,body)}catch(error){return{kind:"threw",error:nameOf(error)}}const thenable=(typeof value==="object"||typeof value==="function")&&value!==null&&typeof value.then==="function";if(!thenable)return returned(traced(action.call,value,action.id));value.then(resolved=>{const v=bodies.get(resolved)??traced(action.call,resolved,action.id);const settlement=v===void 0?{id:action.id,outcome:"resolved"}:{id:action.id,outcome:"resolved",value:v};(started?finished:settled).push(settlement)},error=>(started?finished:settled).push(rejection(error)));return{kind:"pending"}},"call");return{start(params){instance=parts.create(params);return observe()},async tick(actions){settled=[];finished=[];const calls=[];for(const action of actions){if("call"in action){const result=call(action);const deferred=action["on"]!==void 0&&composed.has(action["on"]);calls.push(deferred?{id:action["id"],result}:{id:action["id"],result,observed:observe()})}else if("abort"in action){const c=controller(action["abort"]);if(!c.signal.aborted)c.abort(new Error(`s${String(action["abort"])} aborted by the program`))}else{await parts.clock.advance(action["advance"])}}await parts.clock.settle();const escaped=[...(parts.escapes?.()??[]).map(reason=>bodies.get(reason)??nameOf(reason)),...(parts.uncaught?.()??[]).map(error=>`thrown ${nameOf(error)}`)];return{calls,settled,...finished.length===0?{}:{finished},...escaped.length===0?{}:{escaped},observed:observe(),resources:resources()}}}};
const traceLines = function traceLines(trace,options){const show=__name(value=>JSON.stringify(value),"show");const project=__name((name,value)=>{if(name!=="statistics"||options.statistics===void 0||typeof value!=="object"||value===null)return value;const fields={};for(const field of options.statistics)fields[field]=value[field];return fields},"project");const pick=__name((observed,like)=>like.filter(name=>observed[name]!==void 0).map(name=>`${name} ${show(project(name,observed[name]))}`).join(", "),"pick");const lines=[];const initial=pick(trace.initial,options.observers);if(initial!=="")lines.push(`start: ${initial}`);trace.ticks.forEach((tick,i)=>{const at=`tick ${i+1}:`;for(const call of tick.calls){const r=call.result;const result=r.kind==="pending"?"pending":r.kind==="threw"?`threw ${r.error}`:r.value===void 0?"returned":`returned ${show(r.value)}`;const then=options.atCall!==false&&call.observed!==void 0?pick(call.observed,options.observers):"";const observed=then===""?"":` (then ${then})`;lines.push(`${at} #${call.id} ${result}${observed}`)}const settled=options.sortSettled===true?[...tick.settled].sort((a,b)=>a.id-b.id):tick.settled;const each=__name(s=>{if(s.outcome==="resolved")return`#${s.id} resolved${s.value===void 0?"":` ${show(s.value)}`}`;if(s.outcome==="rejected")return`#${s.id} rejected ${s.error}`;return`#${s.id} ${s.outcome}`},"each");const who=settled.map(each);lines.push(`${at} settled ${who.length===0?"nobody":who.join(", ")}`);if(tick.finished!==void 0&&tick.finished.length>0)lines.push(`${at} finished ${[...tick.finished].sort((a,b)=>a.id-b.id).map(each).join(", ")}`);const rejections=(tick.escaped??[]).filter(name=>!name.startsWith("thrown "));const thrown=(tick.escaped??[]).filter(name=>name.startsWith("thrown ")).map(name=>name.slice("thrown ".length));if(rejections.length>0)lines.push(`${at} unhandled rejection: ${rejections.join(", ")}`);if(thrown.length>0)lines.push(`${at} uncaught exception: ${thrown.join(", ")}`);const after=pick(tick.observed,options.observers);if(after!=="")lines.push(`${at} ${after}`);if(options.resources===true&&tick.resources!==void 0){const listening=Object.entries(tick.resources.listeners).filter(([,n])=>n>0).map(([signal])=>signal);lines.push(`${at} timers ${tick.resources.timers}, listeners on ${listening.length===0?"no signal":listening.join(", ")}`)}});return lines};
const terminalSafe = function terminalSafe(text,oneLine=false){return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu,c=>{if(c==="\n"&&!oneLine)return c;const code=c.codePointAt(0);return code<256?`\\x${code.toString(16).padStart(2,"0")}`:`\\u{${code.toString(16)}}`})};

const program = {"params":{},"ticks":[[{"call":"acquire","id":0}],[{"call":"acquire","id":1},{"call":"release","id":2,"on":0},{"call":"release","id":3,"on":0}]]};
const expected = [
  "start: locked false",
  "tick 1: #0 pending (then locked true)",
  "tick 1: settled #0 resolved \"handle\"",
  "tick 1: locked true",
  "tick 2: #1 pending (then locked true)",
  "tick 2: #2 returned (then locked true)",
  "tick 2: #3 returned (then locked false)",
  "tick 2: settled #1 resolved \"handle\"",
  "tick 2: locked false"
];

const clock = virtualClock();
clock.install();
const unhandled = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));
const uncaught = [];
process.on('uncaughtException', (error) => uncaught.push(error));
const side = realSide({
  create: ()=>mutexify(),
  calls: {
    "acquire": l=>l(),
  },
  handleRelease: (_l,c)=>c.handle(),
  composites: {},
  observers: {
    "locked": l=>l.locked,
  },
  errors: {},
  abortAny: false,
  givesHandle: ["acquire","tryAcquire"],
  waits: ["acquire"],
  clock,
  listeners: getEventListeners,
  escapes: () => unhandled.splice(0),
  uncaught: () => uncaught.splice(0),
});
// Parameters as numbers, as the checker passes them (JSON names the ones it cannot carry: "Infinity").
const named = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };
const params = Object.fromEntries(Object.entries(program.params).filter(([, v]) => typeof v !== 'boolean').map(([k, v]) => [k, typeof v === 'string' ? named[v] : v]));
const initial = side.start(params);
const ticks = [];
for (const tick of program.ticks) ticks.push(await side.tick(tick));
clock.uninstall();
const actual = traceLines({ initial, ticks }, {"observers":["locked"],"statistics":["locked","waiting"]});
for (const line of actual) console.log(terminalSafe(line));
const first = actual.findIndex((line, i) => line !== expected[i]);
if (first < 0 && actual.length === expected.length) {
  console.log('\nThis agrees with the toro-ts model.');
} else {
  const at = first < 0 ? actual.length : first;
  console.log(`\nThe toro-ts model says instead:\n${terminalSafe(expected[at] ?? '(nothing more)')}`);
  process.exitCode = 1;
}
