package awsfacts

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// rdsFamilies are the DB instance class families RDS offers for both
// RDS for MySQL 8.4 and RDS for PostgreSQL 17, the engines scaffold
// creates, without the Oracle/SQL Server-only ones (db.x2*, db.z1d,
// db.r5.*.tpc*). Source: "Supported DB engines for DB instance classes",
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Support.html
// and "DB instance class types",
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Types.html
// (read 2026-11-29). Graviton classes (db.*g*) need MySQL 8.0.25 or
// PostgreSQL 12.7 and later, which both engine versions scaffold offers
// are.
var rdsFamilies = []string{
	"t3", "t4g",
	"m5", "m5d", "m6g", "m6gd", "m6i", "m6id", "m7g", "m7i", "m8g",
	"r5", "r5b", "r5d", "r6g", "r6gd", "r6i", "r6id", "r7g", "r7i", "r8g",
}

// rdsSize reports whether RDS offers the EC2 size in a DB class: RDS has
// no nano and no bare-metal class, and a medium only in the burstable
// families.
func rdsSize(family, size string) bool {
	burstable := strings.HasPrefix(family, "t")
	switch {
	case size == "nano", strings.HasPrefix(size, "metal"):
		return false
	case size == "medium":
		return burstable
	}
	return true
}

// DBInstanceClass is an RDS DB instance class with the hardware of the EC2
// type of the same name (db.r6g.large runs on r6g.large).
type DBInstanceClass struct {
	Name string // db.r6g.large
	InstanceType
}

// LookupDBInstanceClass returns an RDS DB instance class scaffold may
// create for MySQL and PostgreSQL.
func LookupDBInstanceClass(name string) (DBInstanceClass, bool) {
	rest, ok := strings.CutPrefix(name, "db.")
	if !ok {
		return DBInstanceClass{}, false
	}
	family, size, _ := strings.Cut(rest, ".")
	if !slices.Contains(rdsFamilies, family) || !rdsSize(family, size) {
		return DBInstanceClass{}, false
	}
	t, ok := LookupInstanceType(rest)
	if !ok {
		return DBInstanceClass{}, false
	}
	return DBInstanceClass{Name: name, InstanceType: t}, true
}

// DBInstanceClasses lists the classes of an RDS family (t4g), smallest
// first.
func DBInstanceClasses(family string) []DBInstanceClass {
	var out []DBInstanceClass
	for _, t := range FamilyTypes(family) {
		if c, ok := LookupDBInstanceClass("db." + t.Name); ok {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(x, y DBInstanceClass) int { return x.VCPUs*1<<20 + x.MemoryMiB - (y.VCPUs*1<<20 + y.MemoryMiB) })
	return out
}

const dbClassShape = `^db\.[a-z0-9-]+\.[a-z0-9]+$`

// DBInstanceClassFamily requires db.<family>.<size> with a family RDS
// offers for MySQL and PostgreSQL. Terraform holds the family list; the
// exact sizes are DBInstanceClassSize's, Go only.
func DBInstanceClassFamily() spec.Rule {
	fams := make([]string, len(rdsFamilies))
	for i, f := range rdsFamilies {
		fams[i] = "db." + f
	}
	return rules.Suggesting(rules.Custom("be an RDS DB instance class of a family RDS offers for MySQL and PostgreSQL ("+strings.Join(fams, ", ")+"), e.g. db.t4g.micro or db.r6g.large",
		func(v cty.Value, _ spec.Answers) error {
			s := v.AsString()
			if !strings.HasPrefix(s, "db.") || strings.Count(s, ".") != 2 || !dbClassRE.MatchString(s) {
				return rules.ErrRule
			}
			if f := strings.Split(s, ".")[1]; !slices.Contains(rdsFamilies, f) {
				return fmt.Errorf("scaffold's RDS class table has no db.%s family for these engines", f)
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			return spec.And(
				spec.Call("can", spec.Call("regex", spec.Str(dbClassShape), spec.Var(key))),
				spec.Call("try", spec.Call("contains", strs(rdsFamilies), spec.Index(spec.Call("split", spec.Str("."), spec.Var(key)), spec.Num(1))), spec.Lit(cty.False)),
			)
		}), lowercase)
}

var dbClassRE = mustRE(dbClassShape)

// DBInstanceClassSize requires a size the RDS family offers. Go only.
func DBInstanceClassSize() spec.Rule {
	return spec.Rule{
		Text: "be a size its RDS family offers",
		Check: func(v cty.Value, _ spec.Answers) error {
			s := v.AsString()
			if !dbClassRE.MatchString(s) {
				return nil
			}
			f := strings.Split(s, ".")[1]
			if !slices.Contains(rdsFamilies, f) {
				return nil // DBInstanceClassFamily reports it
			}
			if _, ok := LookupDBInstanceClass(s); ok {
				return nil
			}
			var sizes []string
			for _, c := range DBInstanceClasses(f) {
				_, size, _ := strings.Cut(c.InstanceType.Name, ".")
				sizes = append(sizes, size)
			}
			return fmt.Errorf("db.%s offers %s", f, strings.Join(sizes, ", "))
		},
	}
}

// EngineVersion is a major version of an RDS engine scaffold creates, with
// the date RDS standard support ends: a database on it after that date is
// enrolled in RDS Extended Support and billed for it.
type EngineVersion struct {
	Engine  string // RDS engine: mysql, postgres
	Version string // engine_version: 8.4, 17 (RDS picks the newest minor)
	// ParameterGroupFamily is the aws_db_parameter_group family.
	ParameterGroupFamily string
	Name                 string // MySQL 8.4
	// StandardSupportEnds is the "RDS end of standard support" date.
	StandardSupportEnds time.Time
	// Source is the AWS page the date was read from (on ReadOn).
	Source string
	ReadOn time.Time
}

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// EngineVersions are the engine versions scaffold offers, one per engine.
// MySQL 8.0, the version before, left standard support on 2026-07-31;
// PostgreSQL 16 leaves it on 2029-02-28, 17 a year later. The 8.4 date
// was checked against a second source quoting the page; the PostgreSQL
// date is the page's as known on ReadOn, not re-read in full here.
var EngineVersions = []EngineVersion{
	{
		Engine: "mysql", Version: "8.4", ParameterGroupFamily: "mysql8.4", Name: "MySQL 8.4",
		StandardSupportEnds: date("2029-07-31"),
		Source:              "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/MySQL.Concepts.VersionMgmt.html#MySQL.Concepts.VersionMgmt.ReleaseCalendar",
		ReadOn:              date("2026-11-29"),
	},
	{
		Engine: "postgres", Version: "17", ParameterGroupFamily: "postgres17", Name: "PostgreSQL 17",
		StandardSupportEnds: date("2030-02-28"),
		Source:              "https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html",
		ReadOn:              date("2026-11-29"),
	},
}

// EngineVersionOf returns the version scaffold offers for an RDS engine.
func EngineVersionOf(engine string) (EngineVersion, bool) {
	for _, v := range EngineVersions {
		if v.Engine == engine {
			return v, true
		}
	}
	return EngineVersion{}, false
}
