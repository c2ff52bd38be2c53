"""Pairlane's Python runner, loaded once into the warm Pyodide interpreter.

It runs a program or the tests of a workspace and reports in the shapes of shared/testReport.ts,
as JSON, through the `emit` callback the worker passes in. Tests are unittest test cases and
pytest-style `test_*` functions and `Test*` classes with plain `assert`; pytest itself is not
available offline, so its fixtures and plugins are not either (a test that asks for one fails and
says so). Plain asserts in test files are rewritten at import, the way pytest does it, so a
failing comparison reports the values of both operands, each evaluated once.
"""

import ast
import builtins
import difflib
import importlib
import importlib.util
import inspect
import json
import os
import shutil
import sys
import time
import traceback
import types
import unittest

WORKSPACE = os.environ.get("PAIRLANE_PY_WORKSPACE", "/home/pyodide/workspace")

# Import names of the packages Pyodide knows but whose wheels are not bundled (set by configure).
_pyodide_packages = set()
_flush_output = None
_original_sleep = time.sleep


def configure(package_imports_json, flush_output):
    """Called once after boot: the lock file's import names, and how to push buffered output out."""
    global _flush_output
    _pyodide_packages.update(json.loads(package_imports_json))
    _flush_output = flush_output
    # A program that prints and then sleeps shows what it printed before the pause.
    time.sleep = _sleep


def _sleep(seconds):
    _flush()
    # In slices: Pyodide's sleep does not look at the interrupt buffer, Python does between them.
    end = time.monotonic() + max(0.0, seconds)
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return
        _original_sleep(min(left, 0.05))


def _flush():
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        pass
    if _flush_output is not None:
        _flush_output()


# ---------------------------------------------------------------------------------------------
# The workspace on Pyodide's file system


def _rel(filename):
    if filename and filename.startswith(WORKSPACE + "/"):
        return filename[len(WORKSPACE) + 1 :]
    return None


def _mount(files):
    """Writes the workspace afresh and forgets modules a previous run imported from it."""
    for name, module in list(sys.modules.items()):
        if _rel(getattr(module, "__file__", None) or "") is not None:
            del sys.modules[name]
    shutil.rmtree(WORKSPACE, ignore_errors=True)
    os.makedirs(WORKSPACE, exist_ok=True)
    for path, text in files.items():
        full = os.path.join(WORKSPACE, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as handle:
            handle.write(text)
    importlib.invalidate_caches()
    os.chdir(WORKSPACE)
    sys.path[:] = [p for p in sys.path if not (p == WORKSPACE or p.startswith(WORKSPACE + "/"))]


def _search_dirs(first_file):
    """Where imports look, as `python path/to/file.py` run from the workspace root would."""
    here = os.path.dirname(os.path.join(WORKSPACE, first_file))
    return [here] if here == WORKSPACE else [here, WORKSPACE]


def _use_dirs(dirs):
    sys.path[:] = [p for p in sys.path if not (p == WORKSPACE or p.startswith(WORKSPACE + "/"))]
    sys.path[0:0] = dirs


# ---------------------------------------------------------------------------------------------
# Checks before running: syntax errors and imports that cannot work offline


def _location(rel, line, column):
    return {"file": rel, "line": max(1, int(line or 1)), "column": max(1, int(column or 1))}


def _syntax_diagnostic(error, rel):
    text = (error.text or "").rstrip("\n")
    diagnostic = {
        "severity": "error",
        "message": f"{type(error).__name__}: {error.msg}",
        "location": _location(_rel(error.filename or "") or rel, error.lineno, error.offset),
    }
    if text:
        diagnostic["lineText"] = text
    return diagnostic


def _catches_import_error(handler):
    if handler.type is None:
        return True
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(n, ast.Name) and n.id in ("ImportError", "ModuleNotFoundError", "Exception", "BaseException") for n in names)


def _imports(tree):
    """(module name, node) for every absolute import not guarded by `except ImportError`."""
    found = []

    def visit(node, guarded):
        if isinstance(node, ast.Import):
            if not guarded:
                found.extend((alias.name, node) for alias in node.names)
            return
        if isinstance(node, ast.ImportFrom):
            if not guarded and node.level == 0 and node.module:
                found.append((node.module, node))
            return
        if isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
            inner = guarded or any(_catches_import_error(h) for h in node.handlers)
            for child in node.body:
                visit(child, inner)
            for child in node.handlers + node.orelse + node.finalbody:
                visit(child, guarded)
            return
        for child in ast.iter_child_nodes(node):
            visit(child, guarded)

    visit(tree, False)
    return found


def _workspace_module(name, dirs):
    """The workspace file a top-level module name resolves to, if any."""
    for directory in dirs:
        for candidate in (os.path.join(directory, name + ".py"), os.path.join(directory, name, "__init__.py")):
            if os.path.isfile(candidate):
                return _rel(candidate)
        if os.path.isdir(os.path.join(directory, name)):
            return ""  # a namespace package in the workspace
    return None


def _unavailable_message(name):
    if name == "pytest" or name.startswith("_pytest"):
        return (
            "No module named 'pytest': pytest is not available offline (its wheels are not bundled). "
            "Write plain test_* functions with assert, or unittest test cases: Pairlane runs both without pytest."
        )
    if name in _pyodide_packages:
        return (
            f"No module named '{name}': the package '{name}' is not available offline. "
            "Pairlane bundles Python's standard library only; this package's wheel would have to be downloaded."
        )
    return (
        f"No module named '{name}': it is not in the workspace nor in Python's standard library, "
        "and packages cannot be installed offline."
    )


def _check(first_files, dirs):
    """Diagnostics for the files a run would import: syntax errors and unavailable modules."""
    diagnostics = []
    seen = set()
    queue = list(first_files)
    while queue:
        rel = queue.pop(0)
        if rel in seen:
            continue
        seen.add(rel)
        full = os.path.join(WORKSPACE, rel)
        try:
            with open(full, encoding="utf-8") as handle:
                source = handle.read()
        except OSError:
            continue
        try:
            tree = ast.parse(source, full)
        except SyntaxError as error:
            diagnostics.append(_syntax_diagnostic(error, rel))
            continue
        lines = source.splitlines()
        local_dirs = [os.path.dirname(full)] + dirs
        for name, node in _imports(tree):
            top = name.split(".")[0]
            module_file = _workspace_module(top, local_dirs)
            if module_file is not None:
                if module_file:
                    queue.append(module_file)
                    # A submodule of a workspace package: check it too.
                    sub = _workspace_module(name.replace(".", "/"), local_dirs) if "." in name else None
                    if sub:
                        queue.append(sub)
                continue
            if top in sys.builtin_module_names or importlib.util.find_spec(top) is not None:
                continue
            diagnostic = {
                "severity": "error",
                "message": _unavailable_message(top),
                "location": _location(rel, node.lineno, node.col_offset + 1),
            }
            if 0 < node.lineno <= len(lines):
                diagnostic["lineText"] = lines[node.lineno - 1]
            diagnostics.append(diagnostic)
    return diagnostics


# ---------------------------------------------------------------------------------------------
# Errors as reports show them


def _workspace_frames(tb):
    return [f for f in traceback.extract_tb(tb) if _rel(f.filename) is not None]


def _error_of(error, prefer_file=None):
    """A TestError: message, the innermost workspace frame as location, a stack of workspace frames."""
    frames = _workspace_frames(error.__traceback__)
    message = "".join(traceback.format_exception_only(type(error), error)).strip()
    if isinstance(error, ModuleNotFoundError) and error.name and not error.name.startswith("."):
        top = error.name.split(".")[0]
        if _workspace_module(top, [p for p in sys.path if _rel(p + "/x") is not None]) is None:
            message = f"ModuleNotFoundError: {_unavailable_message(top)}"
    result = {"message": message}
    location = None
    if isinstance(error, SyntaxError) and _rel(error.filename or "") is not None:
        location = _location(_rel(error.filename), error.lineno, error.offset)
    else:
        chosen = None
        if prefer_file is not None:
            chosen = next((f for f in reversed(frames) if _rel(f.filename) == prefer_file), None)
        chosen = frames[-1] if frames and chosen is None else chosen
        if chosen is not None:
            column = getattr(chosen, "colno", None)
            location = _location(_rel(chosen.filename), chosen.lineno, (column or 0) + 1)
    if location is not None:
        result["location"] = location
    if frames:
        lines = ["Traceback (most recent call last):"]
        for f in frames:
            lines.append(f'  File "{_rel(f.filename)}", line {f.lineno}, in {f.name}')
            if f.line:
                lines.append(f"    {f.line.strip()}")
        lines.append(message)
        result["stack"] = "\n".join(lines)
    for key in ("expected", "actual", "diff"):
        value = getattr(error, "pairlane_" + key, None)
        if value is not None:
            result[key] = value
    return result


# ---------------------------------------------------------------------------------------------
# Programs


def run_program(entry, files_json, emit):
    files = json.loads(files_json)
    _mount(files)
    if entry not in files:
        return json.dumps({"status": "error", "diagnostics": [], "error": {"message": f"No file {entry} in the workspace."}})
    dirs = _search_dirs(entry)
    diagnostics = _check([entry], dirs)
    if diagnostics:
        return json.dumps({"status": "build-error", "diagnostics": diagnostics})
    _use_dirs(dirs)
    full = os.path.join(WORKSPACE, entry)
    sys.argv = [entry]
    namespace = {"__name__": "__main__", "__file__": full, "__builtins__": builtins}
    outcome = {"status": "ok", "diagnostics": []}
    try:
        with open(full, encoding="utf-8") as handle:
            code = compile(handle.read(), full, "exec")
        exec(code, namespace)
    except SystemExit as stop:
        code = stop.code
        if code not in (None, 0):
            if isinstance(code, int):
                outcome["exitCode"] = code
            else:
                print(code, file=sys.stderr)
                outcome["exitCode"] = 1
            outcome["status"] = "error"
    except KeyboardInterrupt:
        outcome["status"] = "stopped"
    except BaseException as error:  # noqa: BLE001 - everything the program raises is its result
        outcome["status"] = "error"
        outcome["error"] = _error_of(error)
    finally:
        _flush()
    return json.dumps(outcome)


# ---------------------------------------------------------------------------------------------
# Plain asserts with operand values, the way pytest rewrites them


_OPERATORS = {
    ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
    ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in",
}


def _short_repr(value):
    text = repr(value)
    return text if len(text) <= 2000 else text[:2000] + "…"


def _diff(expected, actual):
    lines = ["- Expected", "+ Received", ""]
    expected_lines, actual_lines = expected.splitlines() or [""], actual.splitlines() or [""]
    if len(expected_lines) == 1 and len(actual_lines) == 1:
        return "\n".join(lines + ["- " + expected, "+ " + actual])
    for line in difflib.ndiff(expected_lines, actual_lines):
        if line.startswith(("- ", "+ ", "  ")):
            lines.append(line)
    return "\n".join(lines)


def _assert_compare_failed(source, left, op, right, message):
    left_text, right_text = _short_repr(left), _short_repr(right)
    text = f"assert {left_text} {op} {right_text}"
    if message is not None:
        text = f"{message}\n{text}"
    text += f"\n  where: assert {source}"
    error = AssertionError(text)
    if op == "==":
        error.pairlane_expected = right_text
        error.pairlane_actual = left_text
        error.pairlane_diff = _diff(right_text, left_text)
    return error


def _assert_value_failed(source, value, message):
    text = f"assert {_short_repr(value)}"
    if message is not None:
        text = f"{message}\n{text}"
    text += f"\n  where {_short_repr(value)} = {source}"
    return AssertionError(text)


class _AssertRewriter(ast.NodeTransformer):
    def __init__(self, source):
        self.source = source
        self.count = 0

    def visit_Assert(self, node):
        self.count += 1
        n = self.count
        source = ast.get_source_segment(self.source, node.test) or "…"
        message = node.msg if node.msg is not None else ast.Constant(None)
        test = node.test
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in _OPERATORS:
            left, right = f"_pl_left_{n}", f"_pl_right_{n}"
            statements = [
                ast.Assign([ast.Name(left, ast.Store())], test.left),
                ast.Assign([ast.Name(right, ast.Store())], test.comparators[0]),
                ast.If(
                    ast.UnaryOp(ast.Not(), ast.Compare(ast.Name(left, ast.Load()), test.ops, [ast.Name(right, ast.Load())])),
                    [ast.Raise(ast.Call(ast.Name("_pl_assert_compare_failed", ast.Load()), [
                        ast.Constant(source), ast.Name(left, ast.Load()), ast.Constant(_OPERATORS[type(test.ops[0])]),
                        ast.Name(right, ast.Load()), message], []), None)],
                    [],
                ),
            ]
        else:
            value = f"_pl_value_{n}"
            statements = [
                ast.Assign([ast.Name(value, ast.Store())], test),
                ast.If(
                    ast.UnaryOp(ast.Not(), ast.Name(value, ast.Load())),
                    [ast.Raise(ast.Call(ast.Name("_pl_assert_value_failed", ast.Load()), [
                        ast.Constant(source), ast.Name(value, ast.Load()), message], []), None)],
                    [],
                ),
            ]
        for statement in statements:
            ast.copy_location(statement, node)
            for child in ast.walk(statement):
                if not hasattr(child, "lineno") or child.lineno is None:
                    ast.copy_location(child, node)
        return statements


def _module_name(rel):
    return os.path.splitext(os.path.basename(rel))[0]


def _import_test_module(rel):
    full = os.path.join(WORKSPACE, rel)
    with open(full, encoding="utf-8") as handle:
        source = handle.read()
    tree = _AssertRewriter(source).visit(ast.parse(source, full))
    ast.fix_missing_locations(tree)
    code = compile(tree, full, "exec")
    name = _module_name(rel)
    module = types.ModuleType(name)
    module.__file__ = full
    module.__dict__["_pl_assert_compare_failed"] = _assert_compare_failed
    module.__dict__["_pl_assert_value_failed"] = _assert_value_failed
    sys.modules[name] = module
    try:
        exec(code, module.__dict__)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


# ---------------------------------------------------------------------------------------------
# Tests


class _Stopped(Exception):
    pass


def _declared_at(function, rel):
    code = getattr(inspect.unwrap(function), "__code__", None)
    if code is None or _rel(code.co_filename) != rel:
        return None
    return _location(rel, code.co_firstlineno, 1)


def _collect(module, rel):
    """(line, kind, object) for the module's tests, in the order they are written."""
    items = []
    for name, value in vars(module).items():
        if getattr(value, "__module__", None) != module.__name__:
            continue
        if inspect.isfunction(value) and name.startswith("test"):
            items.append((value.__code__.co_firstlineno, "function", value))
        elif inspect.isclass(value) and issubclass(value, unittest.TestCase):
            items.append((_class_line(value), "unittest", value))
        elif inspect.isclass(value) and name.startswith("Test") and value.__init__ is object.__init__:
            items.append((_class_line(value), "class", value))
    items.sort(key=lambda item: item[0])
    return items


def _class_line(cls):
    lines = [m.__code__.co_firstlineno for m in vars(cls).values() if inspect.isfunction(m)]
    return min(lines) if lines else 0


class _TestRun:
    def __init__(self, emit, rel):
        self.emit = emit
        self.rel = rel

    def started(self, name, ancestors, location):
        test = {"file": self.rel, "name": name, "ancestors": ancestors}
        if location:
            test["location"] = location
        self.emit(json.dumps({"type": "test-started", "test": test}))

    def finished(self, name, ancestors, location, status, started_at, error=None):
        result = {
            "file": self.rel,
            "name": name,
            "ancestors": ancestors,
            "fullName": " > ".join(ancestors + [name]),
            "status": status,
            "durationMs": max(0.0, (time.perf_counter() - started_at) * 1000),
        }
        if error is not None:
            result["error"] = error
        if location:
            result["location"] = location
        self.emit(json.dumps({"type": "test-result", "result": result}))


def _fixture_error(function):
    parameters = [p for p in inspect.signature(function).parameters]
    if not parameters:
        return None
    return {
        "message": (
            f"{function.__name__}({', '.join(parameters)}) asks for pytest fixtures, and pytest is not available offline: "
            "Pairlane runs test functions that take no arguments, and unittest test cases."
        )
    }


def _run_callable(run, name, ancestors, location, call, setup=None, teardown=None):
    started_at = time.perf_counter()
    run.started(name, ancestors, location)
    try:
        if setup is not None:
            setup()
        try:
            result = call()
            if inspect.iscoroutine(result):
                result.close()
                raise TypeError("async test functions need pytest-asyncio, which is not available offline")
        finally:
            if teardown is not None:
                teardown()
    except unittest.SkipTest as skip:
        run.finished(name, ancestors, location, "skipped", started_at, {"message": str(skip)} if str(skip) else None)
    except KeyboardInterrupt:
        raise _Stopped()
    except BaseException as error:  # noqa: BLE001 - a test's exception is its failure
        run.finished(name, ancestors, location, "failed", started_at, _error_of(error, run.rel))
    else:
        run.finished(name, ancestors, location, "passed", started_at)


def _run_function(run, function):
    location = _declared_at(function, run.rel)
    error = _fixture_error(function)
    if error is not None:
        run.started(function.__name__, [], location)
        run.finished(function.__name__, [], location, "failed", time.perf_counter(), {**error, **({"location": location} if location else {})})
        return
    _run_callable(run, function.__name__, [], location, function)


def _run_plain_class(run, cls):
    for name in [n for n in dir(cls) if n.startswith("test") and inspect.isfunction(getattr(cls, n))]:
        method = getattr(cls, name)
        location = _declared_at(method, run.rel)
        instance = cls()
        bound = getattr(instance, name)
        setup = getattr(instance, "setup_method", None)
        teardown = getattr(instance, "teardown_method", None)
        _run_callable(
            run, name, [cls.__name__], location, bound,
            (lambda: setup(bound)) if setup else None,
            (lambda: teardown(bound)) if teardown else None,
        )


class _UnittestResult(unittest.TestResult):
    """Streams each unittest outcome as a Pairlane test result."""

    def __init__(self, run, cls):
        super().__init__()
        self.run = run
        self.cls = cls
        self.current = None

    def _describe(self, test):
        name = getattr(test, "_testMethodName", None)
        if name is None:  # a class or module fixture failed (setUpClass, ...)
            return str(test), [self.cls.__name__], None
        method = getattr(type(test), name, None)
        return name, [type(test).__name__], _declared_at(method, self.run.rel) if method else None

    def startTest(self, test):
        super().startTest(test)
        name, ancestors, location = self._describe(test)
        self.current = {"name": name, "ancestors": ancestors, "location": location, "started": time.perf_counter(), "status": "passed", "error": None, "sub": []}
        self.run.started(name, ancestors, location)

    def _record(self, test, status, error=None):
        if self.current is None or self.current["name"] != self._describe(test)[0]:
            name, ancestors, location = self._describe(test)
            self.current = {"name": name, "ancestors": ancestors, "location": location, "started": time.perf_counter(), "status": status, "error": error, "sub": []}
            self.stopTest(test)
            return
        self.current["status"] = status
        self.current["error"] = error

    def _error(self, err):
        kind, value, tb = err
        if kind is KeyboardInterrupt:
            raise _Stopped()
        value = value if value is not None else kind()
        value.__traceback__ = tb
        return _error_of(value, self.run.rel)

    def addFailure(self, test, err):
        self._record(test, "failed", self._error(err))

    def addError(self, test, err):
        self._record(test, "failed", self._error(err))

    def addSkip(self, test, reason):
        self._record(test, "skipped", {"message": reason} if reason else None)

    def addExpectedFailure(self, test, err):
        self._record(test, "passed")

    def addUnexpectedSuccess(self, test):
        self._record(test, "failed", {"message": "The test was expected to fail (@expectedFailure) and passed."})

    def addSubTest(self, test, subtest, err):
        if err is not None and self.current is not None:
            error = self._error(err)
            self.current["sub"].append(f"{subtest._subDescription()}: {error['message']}")
            if self.current["error"] is None:
                self.current["error"] = error
            self.current["status"] = "failed"

    def stopTest(self, test):
        super().stopTest(test)
        current, self.current = self.current, None
        if current is None:
            return
        error = current["error"]
        if current["sub"] and error is not None:
            error = {**error, "message": "\n".join(current["sub"])}
        self.run.finished(current["name"], current["ancestors"], current["location"], current["status"], current["started"], error)


def _run_unittest_class(run, cls):
    loader = unittest.TestLoader()
    suite = unittest.TestSuite([cls(name) for name in loader.getTestCaseNames(cls)])
    result = _UnittestResult(run, cls)
    suite.run(result)


def run_tests(test_files_json, files_json, emit):
    """Runs the test files one after another; returns the diagnostics as JSON."""
    test_files = json.loads(test_files_json)
    files = json.loads(files_json)
    _mount(files)
    all_diagnostics = []
    interrupted = False
    for rel in test_files:
        started_at = time.perf_counter()
        dirs = _search_dirs(rel)
        diagnostics = _check([rel], dirs)

        def done(error=None):
            message = {"type": "file-done", "file": rel, "durationMs": (time.perf_counter() - started_at) * 1000}
            if error is not None:
                message["error"] = error
            emit(json.dumps(message))

        if diagnostics:
            all_diagnostics.extend(diagnostics)
            first = diagnostics[0]
            done({"message": first["message"], "location": first["location"]})
            continue
        _use_dirs(dirs)
        try:
            module = _import_test_module(rel)
        except KeyboardInterrupt:
            interrupted = True
            break
        except BaseException as error:  # noqa: BLE001 - a module that fails at import fails its file
            done(_error_of(error, rel))
            continue
        try:
            for _, kind, value in _collect(module, rel):
                run = _TestRun(emit, rel)
                if kind == "function":
                    _run_function(run, value)
                elif kind == "unittest":
                    _run_unittest_class(run, value)
                else:
                    _run_plain_class(run, value)
        except (_Stopped, KeyboardInterrupt):
            interrupted = True
            break
        finally:
            _flush()
        done()
    return json.dumps({"diagnostics": all_diagnostics, "interrupted": interrupted})
