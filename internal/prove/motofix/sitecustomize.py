"""Fixes of moto bugs the proof harness meets, loaded by moto_server's
Python at start (the harness puts this folder on PYTHONPATH). Each fix
names the moto version it was seen with and is listed, with its symptom,
in emulator-gaps.hcl; it makes moto do what AWS does, never more.
"""

try:
    from moto.rds import models as _rds
except Exception:  # not moto's Python: nothing to fix
    _rds = None

if _rds is not None and hasattr(_rds.RDSBackend, "modify_db_subnet_group"):
    _modify_db_subnet_group = _rds.RDSBackend.modify_db_subnet_group

    def modify_db_subnet_group(self, subnet_name, description, subnets):
        # moto 5.2.1 pops the group from its store and never puts it back,
        # so ModifyDBSubnetGroup deletes it; AWS keeps it, modified.
        group = _modify_db_subnet_group(self, subnet_name, description, subnets)
        self.subnet_groups[subnet_name] = group
        return group

    _rds.RDSBackend.modify_db_subnet_group = modify_db_subnet_group
