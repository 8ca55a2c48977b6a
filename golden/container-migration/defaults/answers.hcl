blueprint = "container-migration"
