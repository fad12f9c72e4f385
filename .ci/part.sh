# Sourced by the CI scripts. `part LABEL COMMAND...` runs a part and says how long it took, and the
# CPU it used (on a shared machine the wall time is the load's as much as the part's).
part() {
  local label=$1
  shift
  local TIMEFORMAT="time: $label: %0R s (CPU: %0U s user, %0S s system)"
  time "$@"
}
