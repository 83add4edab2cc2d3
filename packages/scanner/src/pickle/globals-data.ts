/**
 * The allow- and deny-list data of the pickle scanner, with the source of every entry.
 *
 * Sources (read from their repositories, facts only, no code copied):
 * - `picklescan`: mmaitre314/picklescan `src/picklescan/scanner.py` `_safe_globals` / `_unsafe_globals`
 *   at commit f15d54da3dec9aa28a87ede82f87882bb80f1023 (v1.0.5).
 * - `modelscan`: protectai/modelscan `modelscan/settings.py` `DEFAULT_SETTINGS.unsafe_globals` (CRITICAL,
 *   HIGH) at commit 8b8ed4bf78a863fcf3b664888dc7ff6ae22f5230.
 * - `fickling`: trailofbits/fickling `fickling/fickle.py` `UNSAFE_IMPORTS` and `fickling/analysis.py`
 *   `UnsafeImportsML` at commit 854c99acd2637f97162dd2e1aa2dab4e8d55d77d.
 * - `torch`: pytorch `torch/_weights_only_unpickler.py` `_get_allowed_globals` / `_tensor_rebuild_functions`
 *   (the `torch.load(weights_only=True)` allow-list).
 *
 * `names: '*'` covers the whole module and its submodules (picklescan's parent-module rule). Where two
 * sources disagree the stricter level wins, and an entry is never more lenient than picklescan's.
 */
import type { Severity } from '@modelsec/core';

/** One list entry: a module and the names it covers, their level and where the entry comes from. */
export interface GlobalRule {
  /** Module path as the unpickler resolves it (after Python 2 → 3 name mapping). */
  readonly module: string;
  /** Attribute names covered (dotted names allowed), or `'*'` for the module and its submodules. */
  readonly names: '*' | readonly string[];
  /** `dangerous` (deny), `suspicious` (explicitly flagged) or `innocuous` (allow). */
  readonly level: 'dangerous' | 'suspicious' | 'innocuous';
  /** Severity reported for a match. */
  readonly severity: Severity;
  /** Where the entry comes from. */
  readonly sources: readonly ('picklescan' | 'modelscan' | 'fickling' | 'torch' | 'modelsec')[];
  /** Why it is listed. */
  readonly note?: string;
}

type Src = GlobalRule['sources'];
const d = (
  module: string,
  names: GlobalRule['names'],
  severity: Severity,
  sources: Src,
  note?: string,
): GlobalRule => ({
  module,
  names,
  level: 'dangerous',
  severity,
  sources,
  ...(note ? { note } : {}),
});
const ok = (module: string, names: readonly string[], sources: Src, note?: string): GlobalRule => ({
  module,
  names,
  level: 'innocuous',
  severity: 'info',
  sources,
  ...(note ? { note } : {}),
});

const PS: Src = ['picklescan'];
const PSFK: Src = ['picklescan', 'fickling'];
const ALL3: Src = ['picklescan', 'modelscan', 'fickling'];
const FK: Src = ['fickling'];

const BUILTIN_CODE = ['eval', 'compile', 'getattr', 'apply', 'exec', 'open', 'breakpoint'];
const BUILTIN_MS = ['__import__'];
const BUILTIN_FK = ['setattr', 'delattr', 'globals', 'locals', 'vars', 'input', '__loader__', '__spec__'];

const TORCH_STORAGES = [
  'LongStorage',
  'FloatStorage',
  'HalfStorage',
  'QUInt2x4Storage',
  'QUInt4x2Storage',
  'QInt32Storage',
  'QInt8Storage',
  'QUInt8Storage',
  'ComplexFloatStorage',
  'ComplexDoubleStorage',
  'DoubleStorage',
  'BFloat16Storage',
  'BoolStorage',
  'CharStorage',
  'ShortStorage',
  'IntStorage',
  'ByteStorage',
]; // prettier-ignore

/** Every list entry. Lookup tables are built from it in `classify.ts`. */
export const GLOBAL_RULES: readonly GlobalRule[] = [
  // --- builtins: code execution and attribute access
  d('builtins', BUILTIN_CODE, 'critical', ALL3, 'eval/exec/compile/getattr/open: direct code execution or file access'),
  d('builtins', BUILTIN_MS, 'critical', ['modelscan', 'fickling'], '__import__ imports any module'),
  d('builtins', BUILTIN_FK, 'high', FK, 'attribute and namespace access usable to reach any callable'),
  // --- process execution
  d('os', '*', 'critical', ALL3),
  d('posix', '*', 'critical', ALL3, "alias of 'os' on Linux"),
  d('nt', '*', 'critical', ALL3, "alias of 'os' on Windows"),
  d('subprocess', '*', 'critical', ALL3),
  d('sys', '*', 'critical', ALL3),
  d('pty', '*', 'critical', ALL3),
  d('commands', '*', 'critical', PSFK, 'Python 2 precursor of subprocess'),
  d('runpy', '*', 'critical', ALL3),
  d('multiprocessing', '*', 'high', FK),
  d('_posixsubprocess', '*', 'critical', FK),
  d('_osx_support', '*', 'high', PSFK, '_read_output/_find_build_tool run os.system'),
  d('_aix_support', '*', 'high', PSFK, '_read_cmd_output runs os.system'),
  d('_pyrepl', '*', 'high', PS, 'pager helpers run subprocesses'),
  d('uuid', '*', 'high', PSFK, '_get_command_stdout runs subprocess.Popen'),
  d('imaplib', '*', 'high', FK, 'IMAP4_stream runs a shell command (picklescan lists IMAP4_stream)'),
  d('webbrowser', '*', 'high', ALL3),
  // --- code objects, compilers, interpreters
  d('types', ['CodeType', 'FunctionType'], 'critical', PSFK, 'construct arbitrary code objects'),
  d('types', '*', 'high', FK),
  d('code', '*', 'critical', ['picklescan', 'fickling'], 'picklescan: InteractiveInterpreter.runcode'),
  d('codeop', '*', 'high', FK),
  d('marshal', '*', 'critical', FK, 'loads code objects'),
  d('_interpreters', '*', 'critical', FK),
  d('_xxsubinterpreters', '*', 'critical', FK),
  d(
    'cloudpickle.cloudpickle',
    ['_builtin_type', '_make_function', '_function_setstate', '_make_cell', '_make_empty_cell', 'subimport'],
    'critical',
    PS,
    'rebuild arbitrary callables from code objects',
  ),
  d('cloudpickle', '*', 'high', FK),
  d('dill', '*', 'high', FK),
  d('joblib', ['load'], 'high', FK, 'nested pickle load (NumpyArrayWrapper is allowed separately)'),
  d('pickle', '*', 'critical', ALL3, 'nested pickle'),
  d('_pickle', '*', 'critical', ALL3, 'nested pickle'),
  d('doctest', '*', 'high', PSFK, 'picklescan: debug_script'),
  d('cProfile', '*', 'critical', PSFK, 'run/runctx exec strings'),
  d('profile', '*', 'critical', PSFK, 'run/runctx exec strings'),
  d('pdb', '*', 'critical', ALL3),
  d('bdb', '*', 'critical', ALL3),
  d('timeit', '*', 'critical', PSFK),
  d('trace', '*', 'high', PSFK, 'picklescan: Trace.run, Trace.runctx'),
  d('test', '*', 'high', PSFK, 'test.support.script_helper spawns interpreters'),
  d('unittest', '*', 'high', FK),
  d('idlelib', '*', 'high', PSFK, 'picklescan lists runcode/runcommand/fetch_tip/get_entity helpers'),
  d('lib2to3', '*', 'high', PSFK, 'picklescan: Grammar.loads, ParserGenerator.make_label'),
  d('pydoc', '*', 'critical', PSFK, 'pipepager runs commands, locate imports'),
  d('pipes', '*', 'high', FK),
  d('pexpect', '*', 'critical', FK),
  // --- import machinery
  d('importlib', '*', 'critical', FK),
  d('_frozen_importlib', '*', 'critical', FK),
  d('_frozen_importlib_external', '*', 'critical', FK),
  d('_imp', '*', 'critical', FK),
  d('imp', '*', 'critical', FK),
  d('pkgutil', '*', 'critical', PSFK, 'picklescan: resolve_name resolves any module:attribute'),
  d('zipimport', '*', 'high', FK),
  d('site', '*', 'high', FK),
  d('gc', '*', 'medium', FK),
  d('inspect', '*', 'high', FK),
  // --- attribute access gadgets
  d('operator', ['attrgetter', 'itemgetter', 'methodcaller'], 'critical', ALL3, 'attrgetter("system")(os)'),
  d('_operator', ['attrgetter', 'itemgetter', 'methodcaller'], 'critical', PSFK),
  d('functools', ['partial', 'reduce'], 'critical', PSFK, 'partial(os.system, cmd)'),
  d('operator', '*', 'medium', FK),
  d('_operator', '*', 'medium', FK),
  d('functools', '*', 'medium', FK),
  // --- network and exfiltration
  d('socket', '*', 'critical', ALL3),
  d('ssl', '*', 'high', PSFK, 'DNS exfiltration via get_server_certificate'),
  d('httplib', '*', 'high', ALL3),
  d('http', '*', 'high', FK, 'http.client is httplib in Python 3'),
  d('urllib', '*', 'high', PSFK, 'picklescan: urllib.request (SSRF, exfiltration)'),
  d('urllib2', '*', 'high', FK),
  d('requests', '*', 'high', ['picklescan', 'modelscan', 'fickling'], 'picklescan/modelscan: requests.api'),
  d('aiohttp', '*', 'high', ALL3, 'modelscan: aiohttp.client'),
  d('asyncio', '*', 'critical', ALL3),
  d('smtplib', '*', 'high', FK),
  d('ftplib', '*', 'high', FK),
  d('poplib', '*', 'high', FK),
  d('telnetlib', '*', 'high', FK),
  d('nntplib', '*', 'high', FK),
  d('socketserver', '*', 'high', FK),
  d('xmlrpc', '*', 'high', FK),
  d('select', '*', 'medium', FK),
  d('selectors', '*', 'medium', FK),
  // --- native code
  d('ctypes', '*', 'critical', PSFK, 'FFI: load libraries, call C functions'),
  d('_ctypes', '*', 'critical', FK),
  d('mmap', '*', 'high', FK),
  // --- file system
  d('shutil', '*', 'critical', ALL3),
  d('tempfile', '*', 'medium', FK),
  d('filecmp', '*', 'medium', FK),
  d('fileinput', '*', 'medium', FK),
  d('glob', '*', 'medium', FK),
  d('linecache', '*', 'medium', FK),
  d('distutils', '*', 'high', PSFK, 'picklescan: distutils.file_util writes files'),
  d('_io', ['FileIO', 'open'], 'high', PSFK, 'FileIO bypasses a builtins.open deny entry'),
  d('io', ['FileIO', 'open'], 'high', FK),
  d('logging', ['FileHandler'], 'high', PSFK, 'creates files'),
  d('logging', '*', 'medium', FK),
  d('syslog', '*', 'medium', FK),
  d('tarfile', '*', 'medium', FK),
  d('zipfile', '*', 'medium', FK),
  d('shelve', '*', 'high', FK),
  d('sqlite3', '*', 'medium', FK),
  d('_sqlite3', '*', 'medium', FK),
  d('compileall', '*', 'medium', FK),
  d('py_compile', '*', 'medium', FK),
  d('platform', '*', 'medium', FK),
  d('difflib', '*', 'medium', FK),
  // --- packaging
  d('pip', '*', 'critical', PSFK),
  d('ensurepip', '*', 'critical', PSFK, 'picklescan: _run_pip'),
  d('venv', '*', 'high', PSFK),
  // --- threads and signals
  d('signal', '*', 'medium', FK),
  d('_signal', '*', 'medium', FK),
  d('threading', '*', 'medium', FK),
  d('_thread', '*', 'medium', FK),
  d('atexit', '*', 'medium', FK),
  // --- ML libraries: gadgets that execute code or load further files
  d('numpy.f2py', '*', 'critical', PSFK, 'getlincoef/_eval_length call eval'),
  d('numpy.distutils', '*', 'high', FK),
  d('numpy.testing._private.utils', '*', 'critical', PSFK, 'runstring is exec'),
  d('torch._dynamo', '*', 'high', FK, 'picklescan: torch._dynamo.guards.GuardBuilder.get'),
  d('torch._inductor', '*', 'critical', FK, 'picklescan: torch._inductor.codecache.compile_file'),
  d('torch._inductor.codecache', ['compile_file'], 'critical', PS),
  d('torch.jit', '*', 'high', FK, 'picklescan: torch.jit.unsupported_tensor_ops.execWrapper'),
  d('torch.compile', '*', 'high', FK),
  d('torch.hub', '*', 'high', FK, 'loads code from the web'),
  d('torch', ['load', 'compile'], 'high', FK),
  d('torch.serialization', ['load'], 'high', PS, 'nested torch.load'),
  d('torch.storage', ['_load_from_bytes'], 'high', FK, 'nested torch.load'),
  d('torch.fx.experimental.symbolic_shapes', ['ShapeEnv.evaluate_guards_expression'], 'critical', PS),
  d('torch.utils._config_module', ['ConfigModule.load_config', 'ConfigModule'], 'high', PSFK, 'pickle inside pickle'),
  d('torch.utils.bottleneck.__main__', ['run_cprofile', 'run_autograd_prof'], 'critical', PS),
  d('torch.utils.collect_env', ['run'], 'critical', PS),
  d('torch.utils.data.datapipes.utils.decoder', ['basichandlers'], 'high', PS, 'pickle inside pickle'),
  d('torch.distributed.elastic.rendezvous.api', ['basichandlers'], 'high', FK),
  // --- allow-list: picklescan's safe globals, plus the torch weights_only allow-list
  ok('collections', ['OrderedDict'], ['picklescan', 'torch']),
  ok('collections', ['Counter'], ['torch']),
  ok('torch', TORCH_STORAGES, ['picklescan', 'torch']),
  ok(
    'torch',
    [
      'Size',
      'Tensor',
      'device',
      'float16',
      'float32',
      'float64',
      'bfloat16',
      'int8',
      'int16',
      'int32',
      'int64',
      'uint8',
      'bool',
      'complex64',
      'complex128',
    ],
    ['torch'],
  ),
  ok('torch.nn.parameter', ['Parameter'], ['torch']),
  ok('torch.serialization', ['_get_layout'], ['torch']),
  ok('torch._utils', ['_rebuild_tensor_v2'], ['picklescan', 'torch']),
  ok(
    'torch._utils',
    [
      '_rebuild_parameter',
      '_rebuild_parameter_with_state',
      '_rebuild_qtensor',
      '_rebuild_tensor_v3',
      '_rebuild_sparse_tensor',
      '_rebuild_meta_tensor_no_storage',
      '_rebuild_nested_tensor',
      '_rebuild_wrapper_subclass',
      '_rebuild_device_tensor_from_cpu_tensor',
    ],
    ['torch'],
    'torch also allows _rebuild_tensor; kept suspicious as in picklescan',
  ),
  ok('numpy', ['dtype', 'ndarray'], ['picklescan']),
  ok('numpy.core.multiarray', ['_reconstruct'], ['picklescan']),
  ok('numpy._core.multiarray', ['_reconstruct'], ['picklescan']),
  ok(
    'joblib.numpy_pickle',
    ['NumpyArrayWrapper'],
    ['modelsec'],
    'joblib array container; its raw data is skipped, not unpickled',
  ),
]; // prettier-ignore
