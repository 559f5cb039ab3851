// electron-builder's configuration for the office installers (docs/install.md; README "Packaging and
// updates"). `npm run dist` = electron-vite build, then electron-builder for this platform with this
// file (`--config electron-builder.config.cjs`). Tested in test/integration/updates-builder-config.test.ts
// against electron-builder's own schema.
//
// Targets: Windows x64 NSIS, installed per user (no administrator rights); Linux x64 AppImage and deb.
// Updates: electron-updater's generic provider, fed by the central server's /updates/ (the app points
// it at the server it is configured for; the URL below is only the built-in default).
// Signing: nothing is committed. electron-builder signs the Windows build when CSC_LINK (or
// WIN_CSC_LINK) names the .pfx and CSC_KEY_PASSWORD (WIN_CSC_KEY_PASSWORD) unlocks it; see
// docs/install.md, "Code signing".
/* global __dirname, module, process, require */
'use strict';

/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads this file as CommonJS */
const { dirname, relative, sep } = require('node:path');
const pkg = require('./package.json');

/** The feed the built app knows before its settings say otherwise (app-update.yml in resources). */
const updatesUrl = process.env.KG_UPDATES_URL || 'http://127.0.0.1:8787/updates/';
/** Set for release builds: signing then is mandatory, and updates are accepted only from this publisher. */
const signing = Boolean(process.env.CSC_LINK || process.env.WIN_CSC_LINK);
const publisherName = process.env.KG_WIN_PUBLISHER_NAME;

/**
 * The main process needs only these packages at run time (out/main requires zod and
 * electron-updater; the preload and the renderer are bundled). Everything else in `dependencies`
 * belongs to the server or is bundled into out/renderer: only these and what they depend on are packed.
 */
const mainRuntimeDependencies = ['electron-updater', 'zod'];

/** A package and every package it depends on, as installed (nested copies travel inside their parent). */
function dependencyClosure(names, from = __dirname, seen = new Set()) {
  for (const name of names) {
    let manifest;
    try {
      manifest = require.resolve(`${name}/package.json`, { paths: [from] });
    } catch {
      continue; // an optional dependency that is not installed
    }
    if (seen.has(manifest)) continue;
    seen.add(manifest);
    const { dependencies = {}, optionalDependencies = {} } = require(manifest);
    dependencyClosure([...Object.keys(dependencies), ...Object.keys(optionalDependencies)], dirname(manifest), seen);
  }
  return seen;
}

/**
 * The node_modules folders to pack: each package where it is installed here, and by name at the top
 * (electron-builder re-lays out the production tree, hoisting a nested copy where nothing clashes).
 */
const packedModules = [
  ...new Set(
    [...dependencyClosure(mainRuntimeDependencies)].flatMap((manifest) => {
      const path = relative(__dirname, dirname(manifest)).split(sep).join('/');
      return [path, `node_modules/${path.replace(/^.*node_modules\//, '')}`];
    }),
  ),
];

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'kz.kindergarten.intake-desk',
  // ASCII, so file names, the install folder and update URLs are plain; the Russian and Kazakh names
  // are the shortcut's, the uninstaller's and the Linux menu's (below).
  productName: 'Kindergarten Intake Desk',
  copyright: 'Copyright © 2026 Kindergarten intake desk contributors',
  directories: { output: 'dist', buildResources: 'build' },
  // out/parent is the parent page the central server serves, not part of the desktop app.
  files: ['out/**', '!out/parent/**', 'package.json', '!node_modules/**', ...packedModules.map((path) => `${path}/**`)],
  asar: true,
  // Nothing to compile: the app has no native modules.
  npmRebuild: false,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  publish: [{ provider: 'generic', url: updatesUrl, channel: 'latest' }],

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icon.ico',
    artifactName: 'kindergarten-intake-desk-${version}-setup-x64.${ext}',
    forceCodeSigning: process.env.KG_REQUIRE_SIGNING === '1',
    signtoolOptions: {
      signingHashAlgorithms: ['sha256'],
      rfc3161TimeStampServer: process.env.KG_TIMESTAMP_URL || 'http://timestamp.digicert.com',
      // electron-updater checks that an update is signed by this publisher. Only with a certificate:
      // an unsigned build that named a publisher would refuse every (unsigned) update.
      ...(signing && publisherName ? { publisherName: [publisherName] } : {}),
    },
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowElevation: false,
    allowToChangeInstallationDirectory: false,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Приём в детский сад',
    uninstallDisplayName: 'Приём в детский сад (Kindergarten Intake Desk)',
    installerLanguages: ['ru_RU', 'kk_KZ', 'en_US'],
    multiLanguageInstaller: true,
    displayLanguageSelector: true,
    language: '1049',
    installerIcon: 'build/icon.ico',
    uninstallerIcon: 'build/icon.ico',
    // The local replica and the vault stay unless the user removes them (docs/install.md).
    deleteAppDataOnUninstall: false,
    differentialPackage: true,
  },

  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    icon: 'build/icons',
    category: 'Office',
    executableName: 'kindergarten-intake-desk',
    maintainer: process.env.KG_MAINTAINER || 'Kindergarten intake desk <intake-desk@example.kz>',
    vendor: 'Kindergarten intake desk',
    synopsis: 'Kindergarten intake desk (offline-first)',
    description: pkg.description,
    artifactName: 'kindergarten-intake-desk-${version}-${arch}.${ext}',
    desktop: {
      entry: {
        Name: 'Kindergarten Intake Desk',
        'Name[ru]': 'Приём в детский сад',
        'Name[kk]': 'Балабақшаға қабылдау',
        Comment: 'Intake of children into the kindergarten',
        'Comment[ru]': 'Приём детей в детский сад',
        'Comment[kk]': 'Балаларды балабақшаға қабылдау',
        Categories: 'Office;Education;',
        StartupWMClass: 'kindergarten-intake-desk',
      },
    },
  },
  appImage: {
    artifactName: 'kindergarten-intake-desk-${version}-x86_64.${ext}',
  },
  deb: {
    packageName: 'kindergarten-intake-desk',
    priority: 'optional',
    artifactName: 'kindergarten-intake-desk_${version}_amd64.${ext}',
    // What Electron needs on Debian 12 / Ubuntu 22.04+ (electron-builder's defaults, plus the key store).
    depends: [
      'libgtk-3-0',
      'libnotify4',
      'libnss3',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0',
      'libuuid1',
      'libsecret-1-0',
    ],
  },
};
