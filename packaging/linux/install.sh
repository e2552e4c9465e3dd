#!/usr/bin/env bash
# Put mlflow-desktop in the user's applications menu (no root needed).
#
#   packaging/linux/install.sh                 install the PyInstaller bundle
#                                              (dist/mlflow-desktop, or --bundle DIR)
#   packaging/linux/install.sh --uv            install a launcher that runs this
#                                              checkout with `uv run`
#   packaging/linux/install.sh --uninstall     remove everything installed here
#
# Files: ~/.local/lib/mlflow-desktop/ (bundle), ~/.local/bin/mlflow-desktop,
# ~/.local/share/applications/mlflow-desktop.desktop and the icon in
# ~/.local/share/icons/hicolor/<size>/apps/. XDG_DATA_HOME is honoured.
set -euo pipefail

NAME=mlflow-desktop
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"
BIN_DIR="$HOME/.local/bin"
LIB_DIR="$HOME/.local/lib/$NAME"
APPS_DIR="$DATA_HOME/applications"
ICON_THEME="$DATA_HOME/icons/hicolor"
ICONS_SRC="$REPO/resources/icons"
SIZES="16 24 32 48 64 128 256 512"

mode=bundle
bundle="$REPO/dist/$NAME"
while [ $# -gt 0 ]; do
  case "$1" in
    --uv) mode=uv ;;
    --bundle) mode=bundle; bundle="${2:?--bundle needs a folder}"; shift ;;
    --uninstall) mode=uninstall ;;
    -h|--help) sed -n '2,13s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

refresh_caches() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$APPS_DIR" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -d "$ICON_THEME" ]; then
    gtk-update-icon-cache -q -f -t "$ICON_THEME" 2>/dev/null || true
  fi
}

if [ "$mode" = uninstall ]; then
  rm -rf "$LIB_DIR"
  rm -f "$BIN_DIR/$NAME" "$APPS_DIR/$NAME.desktop" "$ICON_THEME/scalable/apps/$NAME.svg"
  for size in $SIZES; do
    rm -f "$ICON_THEME/${size}x${size}/apps/$NAME.png"
  done
  refresh_caches
  echo "mlflow-desktop removed (your store and settings are kept)."
  exit 0
fi

mkdir -p "$BIN_DIR" "$APPS_DIR"
if [ "$mode" = bundle ]; then
  if [ ! -x "$bundle/$NAME" ]; then
    echo "install.sh: no built app in $bundle." >&2
    echo "Build it with: uv run python packaging/build.py   (or use --uv)" >&2
    exit 1
  fi
  bundle="$(cd "$bundle" && pwd)"
  rm -rf "$LIB_DIR.new"
  mkdir -p "$(dirname "$LIB_DIR")"
  cp -a "$bundle" "$LIB_DIR.new"
  rm -rf "$LIB_DIR"
  mv "$LIB_DIR.new" "$LIB_DIR"
  ln -sfn "$LIB_DIR/$NAME" "$BIN_DIR/$NAME"
else
  uv_bin="$(command -v uv || true)"
  if [ -z "$uv_bin" ]; then
    echo "install.sh: uv is not on PATH (https://docs.astral.sh/uv/)." >&2
    exit 1
  fi
  rm -f "$BIN_DIR/$NAME"
  cat > "$BIN_DIR/$NAME" <<LAUNCHER
#!/bin/sh
# mlflow-desktop launcher: runs the checkout in $REPO
exec "$uv_bin" run --quiet --project "$REPO" mlflow-desktop "\$@"
LAUNCHER
  chmod 755 "$BIN_DIR/$NAME"
fi

for size in $SIZES; do
  install -D -m 644 "$ICONS_SRC/$NAME-$size.png" "$ICON_THEME/${size}x${size}/apps/$NAME.png"
done
install -D -m 644 "$ICONS_SRC/$NAME.svg" "$ICON_THEME/scalable/apps/$NAME.svg"

# Menus may not have ~/.local/bin on PATH: the entry names the launcher in full.
sed "s|^Exec=$NAME |Exec=\"$BIN_DIR/$NAME\" |" "$HERE/$NAME.desktop" \
  > "$APPS_DIR/$NAME.desktop.tmp"
chmod 644 "$APPS_DIR/$NAME.desktop.tmp"
mv "$APPS_DIR/$NAME.desktop.tmp" "$APPS_DIR/$NAME.desktop"
refresh_caches

echo "mlflow-desktop installed ($mode): $BIN_DIR/$NAME"
echo "It is in your applications menu, and in \"Open with\" for folders and .db files."
case ":$PATH:" in
  *":$BIN_DIR:"*) ;;
  *) echo "Add $BIN_DIR to PATH to start it from a terminal too." ;;
esac
