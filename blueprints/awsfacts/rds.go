package awsfacts

import (
	"fmt"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// reservedDBUsernames are names RDS refuses as the master user of PostgreSQL
// or MySQL: its own administrative roles and SQL reserved words.
var reservedDBUsernames = []string{
	"rdsadmin", "rdsrepladmin", "rds_superuser", "rds_replication", "rdstopmgr",
	"all", "and", "as", "select", "from", "where", "table", "user", "group", "order", "grant",
	"check", "column", "constraint", "create", "default", "distinct", "drop", "for", "foreign",
	"in", "index", "insert", "into", "is", "key", "not", "null", "or", "primary", "references",
	"union", "unique", "update", "delete", "with", "database", "schema", "role", "session_user",
	"current_user", "public",
}

// ReservedDBUsername refuses a master user name the engine reserves.
func ReservedDBUsername() spec.Rule {
	return rules.Custom("not be a name the database engine reserves ("+strings.Join(reservedDBUsernames[:5], ", ")+", SQL keywords such as select, user, table)",
		func(v cty.Value, _ spec.Answers) error {
			s := strings.ToLower(v.AsString())
			for _, r := range reservedDBUsernames {
				if s == r {
					return fmt.Errorf("%q is reserved", s)
				}
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			words := make([]spec.Expr, len(reservedDBUsernames))
			for i, r := range reservedDBUsernames {
				words[i] = spec.Str(r)
			}
			return spec.Not(spec.Call("contains", spec.Tuple(words...), spec.Call("lower", spec.Var(key))))
		})
}
