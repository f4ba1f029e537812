#!/usr/bin/env python3
# Checks the Flatpak manifest: ids, runtime, bundled libxlsxwriter pinned
# to a tag and commit, and a sandbox with no network or file system holes.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import re
import sys

ALLOWED_FINISH_ARGS = {
    '--socket=wayland',
    '--socket=fallback-x11',
    '--share=ipc',
    '--device=dri',
}

problems = []


def fail(message):
    problems.append(message)


def version_tuple(text):
    if not re.fullmatch(r'[0-9]+(\.[0-9]+)*', text):
        return None
    return tuple(int(part) for part in text.split('.'))


def find_module(modules, name):
    for module in modules:
        if isinstance(module, dict) and module.get('name') == name:
            return module
    return None


def check_libxlsxwriter(module):
    if module.get('buildsystem') not in ('cmake', 'cmake-ninja'):
        fail('libxlsxwriter: buildsystem must be cmake or cmake-ninja, not %r'
             % module.get('buildsystem'))
    if '-DUSE_SYSTEM_MINIZIP=OFF' not in module.get('config-opts', []):
        fail('libxlsxwriter: config-opts lacks -DUSE_SYSTEM_MINIZIP=OFF')
    git_sources = [s for s in module.get('sources', [])
                   if isinstance(s, dict) and s.get('type') == 'git']
    if not git_sources:
        fail('libxlsxwriter: no git source')
    for source in git_sources:
        if not source.get('url'):
            fail('libxlsxwriter: git source without url')
        if not source.get('tag'):
            fail('libxlsxwriter: git source without tag')
        if not re.fullmatch(r'[0-9a-f]{40}', source.get('commit', '')):
            fail('libxlsxwriter: git source commit must be 40 hex digits, '
                 'got %r' % source.get('commit'))


def main(argv):
    if len(argv) != 3:
        print('usage: %s MANIFEST APP_ID' % argv[0], file=sys.stderr)
        return 2
    path, app_id = argv[1], argv[2]

    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print('%s: not valid JSON: %s' % (path, e), file=sys.stderr)
        return 1
    if not isinstance(manifest, dict):
        print('%s: top level is not an object' % path, file=sys.stderr)
        return 1

    manifest_id = manifest.get('id', manifest.get('app-id'))
    if manifest_id != app_id:
        fail('id is %r, expected %r' % (manifest_id, app_id))
    if manifest.get('command') != 'commissioner':
        fail('command is %r, expected commissioner' % manifest.get('command'))
    if manifest.get('runtime') != 'org.gnome.Platform':
        fail('runtime is %r, expected org.gnome.Platform'
             % manifest.get('runtime'))
    if manifest.get('sdk') != 'org.gnome.Sdk':
        fail('sdk is %r, expected org.gnome.Sdk' % manifest.get('sdk'))
    runtime_version = version_tuple(str(manifest.get('runtime-version', '')))
    if runtime_version is None or runtime_version < (50,):
        fail('runtime-version is %r, expected a release number of 50 or later'
             % manifest.get('runtime-version'))

    finish_args = manifest.get('finish-args', [])
    for arg in finish_args:
        if arg.startswith('--share=network') or arg.startswith('--filesystem'):
            fail('finish-args must not contain %s' % arg)
        elif arg not in ALLOWED_FINISH_ARGS:
            fail('finish-args: %s is not allowed' % arg)

    modules = manifest.get('modules', [])
    xlsx = find_module(modules, 'libxlsxwriter')
    app = find_module(modules, 'commissioner')
    if xlsx is None:
        fail('no libxlsxwriter module')
    else:
        check_libxlsxwriter(xlsx)
    if app is None:
        fail('no commissioner module')
    else:
        if app.get('buildsystem') != 'meson':
            fail('commissioner: buildsystem is %r, expected meson'
                 % app.get('buildsystem'))
        if xlsx is not None and modules.index(xlsx) > modules.index(app):
            fail('libxlsxwriter must be built before commissioner')

    for problem in problems:
        print('%s: %s' % (path, problem), file=sys.stderr)
    if problems:
        return 1
    print('%s: ok' % path)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
