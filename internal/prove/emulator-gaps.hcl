# What the AWS emulator (moto_server) cannot do that AWS does.
#
# scaffold's proof harness (internal/prove) plans every resource, but applies
# a module with the resources of these types left out, together with every
# resource that depends on one of them; the report counts what was left out.
# Only emulator gaps belong here, never a generator bug: each entry names the
# moto version it was seen with and the symptom, so it can be re-checked and
# removed when moto catches up.

gap "aws_appautoscaling_target" {
  moto    = "5.2.1"
  symptom = "apply never finishes: the provider keeps polling after RegisterScalableTarget, waiting for the target to become describable, and stops responding until the step's timeout."
}
