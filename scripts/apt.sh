# Sourced by the helpdesk scripts: Debian packages installed quietly, as root or through sudo.
# No recommends: they would bring web servers the tests do not use.
apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
