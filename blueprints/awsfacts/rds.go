package awsfacts

import (
	"fmt"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// MasterUser is what RDS accepts as the master user name of one engine:
// a letter, then letters, digits and underscores, up to MaxLength
// characters, and none of the engine's reserved words, RDS's own
// administrative names, or a prefix the engine reserves. Compared without
// regard to case, as both engines fold unquoted identifiers.
type MasterUser struct {
	Engine           string // the db_engine answer
	Title            string // "PostgreSQL"
	MaxLength        int
	Reserved         []string // lowercase
	ReservedPrefixes []string // lowercase
	Source           string
}

// masterUsers are the master user rules of the engines web-app offers,
// read on 2026-11-29 from:
//   - https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
//     (MasterUsername: "first character must be a letter", letters, digits,
//     underscores, "can't be a reserved word for the chosen database engine");
//   - the engines' keyword lists, cited per engine below;
//   - RDS's own refusals, verified against AWS by cfn-lint
//     (github.com/aws-cloudformation/cfn-lint pull 4425: "admin" refused on
//     PostgreSQL with "reserved word used by the engine", "rdsadmin" on every
//     engine, "postgres" accepted) and the roles RDS creates in every
//     instance (rdsadmin, rds_superuser, rds_replication, rds_iam,
//     rds_password, rdstopmgr on PostgreSQL; rdsadmin, rdsrepladmin,
//     rds_superuser_role on MySQL).
var masterUsers = []MasterUser{
	{
		Engine: "postgres", Title: "PostgreSQL",
		// RDS for PostgreSQL accepts 1 to 63 characters (the engine's
		// NAMEDATALEN - 1): the RDS PostgreSQL and Lightsail CreateRelationalDatabase
		// references; the generic CreateDBInstance text says 16 for all engines.
		MaxLength: 63,
		// The engine's reserved keywords (postgresReserved), the role names
		// PostgreSQL itself refuses (public, none; CREATE ROLE), and RDS's.
		Reserved: append([]string{
			"admin", "rdsadmin", "rds_superuser", "rds_replication", "rds_iam", "rds_password", "rdstopmgr",
			"public", "none",
		}, postgresReserved...),
		// "Role names beginning with pg_ are reserved" (CREATE ROLE,
		// https://www.postgresql.org/docs/16/sql-createrole.html).
		ReservedPrefixes: []string{"pg_"},
		Source:           "https://www.postgresql.org/docs/16/sql-keywords-appendix.html",
	},
	{
		Engine: "mysql", Title: "MySQL",
		// The RDS for MySQL references say 1 to 16. MySQL 8 itself takes
		// 32-character user names, and an emulator's live probe (floci-io/floci
		// pull 3730) reports RDS accepting them, but AWS documents 16, so
		// scaffold keeps to it rather than let apply be the judge.
		MaxLength: 16,
		// RDS's own users and the engine's reserved words (mysqlReserved).
		Reserved: append([]string{"rdsadmin", "rdsrepladmin", "rds_superuser_role"}, mysqlReserved...),
		Source:   "https://dev.mysql.com/doc/refman/8.0/en/keywords.html",
	},
}

// postgresReserved are the PostgreSQL 16 keywords marked reserved,
// including "reserved (can be function or type)": src/include/parser/kwlist.h
// (RESERVED_KEYWORD and TYPE_FUNC_NAME_KEYWORD), plus system_user (reserved
// since 16), https://www.postgresql.org/docs/16/sql-keywords-appendix.html.
var postgresReserved = []string{
	"all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
	"binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint",
	"create", "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "default",
	"deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
	"foreign", "freeze", "from", "full", "grant", "group", "having", "ilike", "in", "initially",
	"inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left", "like",
	"limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only",
	"or", "order", "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
	"session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then", "to", "trailing",
	"true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window",
	"with",
}

// mysqlReserved are the reserved words, marked (R), of MySQL 8.0 and of
// MySQL 9 (which includes 8.4's: manual, parallel, qualify, tablesample;
// and 9's external, library): https://dev.mysql.com/doc/refman/8.0/en/keywords.html,
// https://dev.mysql.com/doc/refman/8.4/en/keywords.html. The union, so a
// name survives a major version upgrade.
var mysqlReserved = []string{
	"accessible", "add", "all", "alter", "analyze", "and", "as", "asc", "asensitive", "before",
	"between", "bigint", "binary", "blob", "both", "by", "call", "cascade", "case", "change",
	"char", "character", "check", "collate", "column", "condition", "constraint", "continue", "convert", "create",
	"cross", "cube", "cume_dist", "current_date", "current_time", "current_timestamp", "current_user", "cursor", "database", "databases",
	"day_hour", "day_microsecond", "day_minute", "day_second", "dec", "decimal", "declare", "default", "delayed", "delete",
	"dense_rank", "desc", "describe", "deterministic", "distinct", "distinctrow", "div", "double", "drop", "dual",
	"each", "else", "elseif", "empty", "enclosed", "escaped", "except", "exists", "exit", "explain",
	"external", "false", "fetch", "first_value", "float", "float4", "float8", "for", "force", "foreign",
	"from", "fulltext", "function", "generated", "get", "grant", "group", "grouping", "groups", "having",
	"high_priority", "hour_microsecond", "hour_minute", "hour_second", "if", "ignore", "in", "index", "infile", "inner",
	"inout", "insensitive", "insert", "int", "int1", "int2", "int3", "int4", "int8", "integer",
	"intersect", "interval", "into", "io_after_gtids", "io_before_gtids", "is", "iterate", "join", "json_table", "key",
	"keys", "kill", "lag", "last_value", "lateral", "lead", "leading", "leave", "left", "library",
	"like", "limit", "linear", "lines", "load", "localtime", "localtimestamp", "lock", "long", "longblob",
	"longtext", "loop", "low_priority", "manual", "master_bind", "master_ssl_verify_server_cert", "match", "maxvalue", "mediumblob", "mediumint",
	"mediumtext", "middleint", "minute_microsecond", "minute_second", "mod", "modifies", "natural", "no_write_to_binlog", "not", "nth_value",
	"ntile", "null", "numeric", "of", "on", "optimize", "optimizer_costs", "option", "optionally", "or",
	"order", "out", "outer", "outfile", "over", "parallel", "partition", "percent_rank", "precision", "primary",
	"procedure", "purge", "qualify", "range", "rank", "read", "read_write", "reads", "real", "recursive",
	"references", "regexp", "release", "rename", "repeat", "replace", "require", "resignal", "restrict", "return",
	"revoke", "right", "rlike", "row", "row_number", "rows", "schema", "schemas", "second_microsecond", "select",
	"sensitive", "separator", "set", "show", "signal", "smallint", "spatial", "specific", "sql", "sql_big_result",
	"sql_calc_found_rows", "sql_small_result", "sqlexception", "sqlstate", "sqlwarning", "ssl", "starting", "stored", "straight_join", "system",
	"table", "tablesample", "terminated", "then", "tinyblob", "tinyint", "tinytext", "to", "trailing", "trigger",
	"true", "undo", "union", "unique", "unlock", "unsigned", "update", "usage", "use", "using",
	"utc_date", "utc_time", "utc_timestamp", "values", "varbinary", "varchar", "varcharacter", "varying", "virtual", "when",
	"where", "while", "window", "with", "write", "xor", "year_month", "zerofill",
}

func masterUserFor(engine string) (MasterUser, bool) {
	for _, m := range masterUsers {
		if m.Engine == engine {
			return m, true
		}
	}
	return MasterUser{}, false
}

// MasterUserEngines lists the engines whose master user rules are known.
func MasterUserEngines() []string {
	out := make([]string, len(masterUsers))
	for i, m := range masterUsers {
		out[i] = m.Engine
	}
	return out
}

// MasterUserFor returns the master user rules of engine.
func MasterUserFor(engine string) (MasterUser, bool) { return masterUserFor(engine) }

func masterUserTexts(f func(MasterUser) string) string {
	parts := make([]string, len(masterUsers))
	for i, m := range masterUsers {
		parts[i] = m.Title + ": " + f(m)
	}
	return strings.Join(parts, "; ")
}

// DBUsernameLength limits the master user name to what the engine in the
// answer engineKey accepts.
func DBUsernameLength(engineKey string) spec.Rule {
	return rules.Custom("be 1 to as many characters long as the engine accepts ("+masterUserTexts(func(m MasterUser) string { return fmt.Sprint(m.MaxLength) })+")",
		func(v cty.Value, a spec.Answers) error {
			m, ok := masterUserFor(a.String(engineKey))
			if !ok {
				return nil
			}
			if n := len([]rune(v.AsString())); n < 1 || n > m.MaxLength {
				return fmt.Errorf("%s takes 1 to %d; it has %d", m.Title, m.MaxLength, n)
			}
			return nil
		},
		func(key string, a spec.Answers) spec.Expr {
			m, ok := masterUserFor(a.String(engineKey))
			if !ok {
				return nil
			}
			n := spec.Call("length", spec.Var(key))
			return spec.And(spec.Cmp(n, ">=", spec.Num(1)), spec.Cmp(n, "<=", spec.Num(float64(m.MaxLength))))
		}).Reading(engineKey)
}

// ReservedDBUsername refuses a master user name the engine in the answer
// engineKey, or RDS, reserves.
func ReservedDBUsername(engineKey string) spec.Rule {
	return rules.Custom("not be a word the engine or RDS reserves ("+masterUserTexts(func(m MasterUser) string {
		text := fmt.Sprintf("%d reserved words such as %s", len(m.Reserved), strings.Join(m.Reserved[:3], ", "))
		if len(m.ReservedPrefixes) > 0 {
			text += ", or a name beginning with " + strings.Join(m.ReservedPrefixes, " or ")
		}
		return text
	})+")",
		func(v cty.Value, a spec.Answers) error {
			m, ok := masterUserFor(a.String(engineKey))
			if !ok {
				return nil
			}
			s := strings.ToLower(v.AsString())
			if slices.Contains(m.Reserved, s) {
				return fmt.Errorf("%s reserves %q", m.Title, s)
			}
			for _, p := range m.ReservedPrefixes {
				if strings.HasPrefix(s, p) {
					return fmt.Errorf("%s reserves names beginning with %q", m.Title, p)
				}
			}
			return nil
		},
		func(key string, a spec.Answers) spec.Expr {
			m, ok := masterUserFor(a.String(engineKey))
			if !ok {
				return nil
			}
			words := make([]spec.Expr, len(m.Reserved))
			for i, r := range m.Reserved {
				words[i] = spec.Str(r)
			}
			// Tokens are pointers that a call respaces: each use of
			// lower(var.<key>) needs tokens of its own.
			lower := func() spec.Expr { return spec.Call("lower", spec.Var(key)) }
			conds := []spec.Expr{spec.Not(spec.Call("contains", spec.Tuple(words...), lower()))}
			for _, p := range m.ReservedPrefixes {
				conds = append(conds, spec.Not(spec.Call("startswith", lower(), spec.Str(p))))
			}
			return spec.And(conds...)
		}).Reading(engineKey)
}

// DatabaseName is what RDS accepts as the name of the database it creates
// with an instance (CreateDBInstance DBName) on one engine: a letter, then
// letters, digits and underscores, up to MaxLength characters, none of
// the engine's reserved words, nor a database every instance already
// holds. Compared without regard to case.
type DatabaseName struct {
	Engine    string // the db_engine answer
	Title     string // "PostgreSQL"
	MaxLength int
	Reserved  []string // lowercase
}

// databaseNames are the DBName rules of the engines the blueprints offer,
// read on 2026-11-29 from
// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
// (DBName: "Must contain 1 to 63 letters, numbers, or underscores" on
// PostgreSQL, "1 to 64 letters or numbers" on MySQL, "Must begin with a
// letter. Subsequent characters can be letters, underscores, or digits",
// "Can't be a word reserved by the database engine"). The databases every
// instance already holds are refused too, since the engine cannot create
// a second one of that name: postgres, template0, template1 and RDS's
// rdsadmin on PostgreSQL; MySQL's system schemas (mysql,
// information_schema, performance_schema, sys).
var databaseNames = []DatabaseName{
	{
		Engine: "postgres", Title: "PostgreSQL", MaxLength: 63,
		Reserved: append([]string{"postgres", "template0", "template1", "rdsadmin"}, postgresReserved...),
	},
	{
		Engine: "mysql", Title: "MySQL", MaxLength: 64,
		Reserved: append([]string{"mysql", "information_schema", "performance_schema", "sys"}, mysqlReserved...),
	},
}

func databaseNameFor(engine string) (DatabaseName, bool) {
	for _, d := range databaseNames {
		if d.Engine == engine {
			return d, true
		}
	}
	return DatabaseName{}, false
}

// DBNameLength limits the database name to what the engine in the answer
// engineKey accepts.
func DBNameLength(engineKey string) spec.Rule {
	var parts []string
	for _, d := range databaseNames {
		parts = append(parts, fmt.Sprintf("%s: %d", d.Title, d.MaxLength))
	}
	return rules.Custom("be 1 to as many characters long as the engine accepts ("+strings.Join(parts, "; ")+")",
		func(v cty.Value, a spec.Answers) error {
			d, ok := databaseNameFor(a.String(engineKey))
			if !ok {
				return nil
			}
			if n := len([]rune(v.AsString())); n < 1 || n > d.MaxLength {
				return fmt.Errorf("%s takes 1 to %d; it has %d", d.Title, d.MaxLength, n)
			}
			return nil
		},
		func(key string, a spec.Answers) spec.Expr {
			d, ok := databaseNameFor(a.String(engineKey))
			if !ok {
				return nil
			}
			n := spec.Call("length", spec.Var(key))
			return spec.And(spec.Cmp(n, ">=", spec.Num(1)), spec.Cmp(n, "<=", spec.Num(float64(d.MaxLength))))
		}).Reading(engineKey)
}

// ReservedDBName refuses a database name the engine in the answer
// engineKey reserves, or that every instance already holds.
func ReservedDBName(engineKey string) spec.Rule {
	var parts []string
	for _, d := range databaseNames {
		parts = append(parts, fmt.Sprintf("%s: %d words such as %s", d.Title, len(d.Reserved), strings.Join(d.Reserved[:3], ", ")))
	}
	return rules.Custom("not be a word the engine reserves nor a database every instance holds ("+strings.Join(parts, "; ")+")",
		func(v cty.Value, a spec.Answers) error {
			d, ok := databaseNameFor(a.String(engineKey))
			if !ok {
				return nil
			}
			if s := strings.ToLower(v.AsString()); slices.Contains(d.Reserved, s) {
				return fmt.Errorf("%s reserves %q", d.Title, s)
			}
			return nil
		},
		func(key string, a spec.Answers) spec.Expr {
			d, ok := databaseNameFor(a.String(engineKey))
			if !ok {
				return nil
			}
			words := make([]spec.Expr, len(d.Reserved))
			for i, r := range d.Reserved {
				words[i] = spec.Str(r)
			}
			return spec.Not(spec.Call("contains", spec.Tuple(words...), spec.Call("lower", spec.Var(key))))
		}).Reading(engineKey)
}
