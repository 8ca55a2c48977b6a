package awsfacts

import (
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestEC2TableIsFresh fails once the instance type table is more than a
// year old: AWS adds families every few months, and a stale table refuses
// them. Refresh it with internal/genec2 (see ec2.go's go:generate).
func TestEC2TableIsFresh(t *testing.T) {
	if EC2TableSource() == "" || EC2TableDate().IsZero() {
		t.Fatalf("ec2_instance_types.csv names no source or date: %q %v", EC2TableSource(), EC2TableDate())
	}
	if age := time.Since(EC2TableDate()); age > 365*24*time.Hour {
		t.Errorf("the EC2 instance type table is from %s, %d days ago; regenerate it (go generate ./blueprints/awsfacts)", EC2TableDate().Format(time.DateOnly), int(age.Hours()/24))
	}
}

func TestEC2TableHasWhatScaffoldOffers(t *testing.T) {
	for _, name := range []string{"t3.micro", "t4g.small", "c6g.large", "r6g.xlarge", "i4i.large", "c7i.metal-24xl", "g5.xlarge", "p4d.24xlarge"} {
		if _, ok := LookupInstanceType(name); !ok {
			t.Errorf("%s is missing from the table", name)
		}
	}
	for _, name := range []string{"z9.large", "c6i.nano", "t3.huge"} {
		if _, ok := LookupInstanceType(name); ok {
			t.Errorf("%s is in the table", name)
		}
	}
	if it, _ := LookupInstanceType("m7g.large"); it.VCPUs != 2 || it.MemoryMiB != 8192 || it.Arch != "arm64" || it.GPUs != 0 {
		t.Errorf("m7g.large = %+v, want 2 vCPUs, 8192 MiB, arm64, no GPU", it)
	}
	if it, _ := LookupInstanceType("p4d.24xlarge"); it.GPUs != 8 || it.Arch != "x86_64" {
		t.Errorf("p4d.24xlarge = %+v, want 8 GPUs, x86_64", it)
	}
}

// TestGravitonPatternMatchesTable: the pattern that tells Graviton from
// x86 in Terraform (the Batch architecture rule, and the image the asg
// template picks) must agree with the table for every family.
func TestGravitonPatternMatchesTable(t *testing.T) {
	tmpl, err := os.ReadFile("../../templates/asg/asg.tf.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`instance_arch\s*=\s*can\(regex\("((?:[^"\\]|\\.)*)"`).FindSubmatch(tmpl)
	if m == nil {
		t.Fatal("asg.tf.tmpl no longer computes instance_arch with can(regex(...)); update this test")
	}
	if got := strings.ReplaceAll(string(m[1]), `\\`, `\`); got != GravitonFamilyPattern {
		t.Errorf("asg.tf.tmpl picks the image with %q, awsfacts.GravitonFamilyPattern is %q", got, GravitonFamilyPattern)
	}
	for _, f := range InstanceFamilies() {
		want := FamilyTypes(f)[0].Arch
		for _, it := range FamilyTypes(f) {
			if it.Arch != want {
				t.Errorf("family %s mixes architectures: %s is %s", f, it.Name, it.Arch)
			}
		}
		if got := itemArch(f); got != want {
			t.Errorf("family %s is %s, but GravitonFamilyPattern says %s", f, want, got)
		}
	}
}

func TestBatchCategoriesAreInTheTable(t *testing.T) {
	for _, c := range BatchInstanceCategories {
		for _, f := range c.Families {
			ts := FamilyTypes(f)
			if ts == nil {
				t.Errorf("%s: family %s is not in the table", c.Name, f)
				continue
			}
			if ts[0].Arch != c.Arch {
				t.Errorf("%s is %s but its family %s is %s", c.Name, c.Arch, f, ts[0].Arch)
			}
		}
	}
}

func TestDBInstanceClasses(t *testing.T) {
	for _, name := range []string{"db.t4g.micro", "db.t3.medium", "db.r6g.large", "db.m7g.16xlarge", "db.r8g.xlarge"} {
		if _, ok := LookupDBInstanceClass(name); !ok {
			t.Errorf("%s is refused", name)
		}
	}
	for _, name := range []string{"db.zz9.huge", "db.t4g.nano", "db.m6g.medium", "db.r6g.metal", "db.c6i.large", "r6g.large"} {
		if _, ok := LookupDBInstanceClass(name); ok {
			t.Errorf("%s is accepted", name)
		}
	}
	for _, f := range rdsFamilies {
		if len(DBInstanceClasses(f)) == 0 {
			t.Errorf("RDS family db.%s has no class in the EC2 table", f)
		}
	}
	if c, _ := LookupDBInstanceClass("db.r6g.large"); c.VCPUs != 2 || c.MemoryMiB != 16384 || c.Arch != "arm64" {
		t.Errorf("db.r6g.large = %+v, want 2 vCPUs, 16 GiB, arm64", c)
	}
}

// TestEngineVersionsInStandardSupport: a database created on a version
// past its RDS end of standard support is billed for Extended Support from
// the first day. Every version scaffold offers must be in standard support
// today, with a quarter to spare so the table is refreshed before it lapses.
func TestEngineVersionsInStandardSupport(t *testing.T) {
	now := time.Now()
	for _, v := range EngineVersions {
		if v.Source == "" || v.ReadOn.IsZero() {
			t.Errorf("%s has no source or date", v.Name)
		}
		if !strings.HasPrefix(v.ParameterGroupFamily, v.Engine) || !strings.HasSuffix(v.ParameterGroupFamily, v.Version) {
			t.Errorf("%s: parameter group family %q does not match engine %s version %s", v.Name, v.ParameterGroupFamily, v.Engine, v.Version)
		}
		if left := v.StandardSupportEnds.Sub(now); left < 90*24*time.Hour {
			t.Errorf("%s leaves RDS standard support on %s (%d days from now): offer a newer major version", v.Name, v.StandardSupportEnds.Format(time.DateOnly), int(left.Hours()/24))
		}
	}
	for _, engine := range []string{"mysql", "postgres"} {
		if _, ok := EngineVersionOf(engine); !ok {
			t.Errorf("no version for engine %s", engine)
		}
	}
}

func TestReservedConcurrencyQuota(t *testing.T) {
	if got := MaxReservedConcurrency(NewAccountConcurrencyQuota); got != -1 {
		t.Errorf("a new account's quota allows a reservation of %d, want none", got)
	}
	if got := MaxReservedConcurrency(1000); got != 900 {
		t.Errorf("a quota of 1000 allows %d, want 900", got)
	}
}

// TestLambdaRuntimesSupported: a runtime past its deprecation date gets no
// patches, and Lambda soon refuses to create functions on it (nodejs20.x,
// deprecated 2026-04-30, was still offered). Every runtime offered must be
// supported for another quarter at least.
func TestLambdaRuntimesSupported(t *testing.T) {
	now := time.Now()
	for _, r := range LambdaRuntimes {
		if left := r.Deprecated.Sub(now); left < 90*24*time.Hour {
			t.Errorf("%s is deprecated on %s (%d days from now): offer a newer runtime (%s)", r.ID, r.Deprecated.Format(time.DateOnly), int(left.Hours()/24), LambdaRuntimesSource)
		}
	}
}

// TestPriceTableIsFresh fails once the price table was read more than a
// year ago: AWS changes prices (and adds regions), and an estimate should
// not quote old ones. Re-read the sources in prices.go (and
// ec2_prices.csv) and move PricesRead.
func TestPriceTableIsFresh(t *testing.T) {
	if age := time.Since(PricesRead); age > 365*24*time.Hour {
		t.Errorf("the price table was read %s, %d days ago; refresh it (blueprints/awsfacts/prices.go)", PricesRead.Format(time.DateOnly), int(age.Hours()/24))
	}
}

// TestPricesAreSourced: every price is positive, has a unit and names a
// page with its date.
func TestPricesAreSourced(t *testing.T) {
	for key, byRegion := range prices {
		for region, p := range byRegion {
			if p.USD <= 0 || p.Unit == "" || !strings.HasPrefix(p.Source.URL, "https://") || p.Source.Dated == "" {
				t.Errorf("%s in %s: %+v", key, region, p)
			}
		}
	}
	for _, key := range Unsourced {
		if _, ok := prices[key]; ok {
			t.Errorf("%s is declared unsourced but the table has it", key)
		}
	}
	for _, src := range PriceSources() {
		if !strings.HasPrefix(src.URL, "https://") || src.Dated == "" || src.Dating() == "dated " {
			t.Errorf("source without an address or a date: %+v", src)
		}
	}
	if p, ok := LookupPrice(EC2Hour("t3.micro"), "us-east-1"); !ok || p.USD != 0.0104 {
		t.Errorf("t3.micro: %+v %v", p, ok)
	}
	if _, ok := LookupPrice(EC2Hour("t3.micro"), "eu-west-3"); ok {
		t.Error("the EC2 table holds us-east-1 only, yet prices eu-west-3")
	}
	if p, ok := LookupPrice(CloudFrontGBOut, "eu-west-3"); !ok || p.USD == 0 {
		t.Error("CloudFront's price does not depend on the region")
	}
}

// TestPriceRegions: the regions the table has prices for are the ones its
// header comment names, and each of them has the prices of the fixed
// things nearly every module is billed for that the header says it has.
func TestPriceRegions(t *testing.T) {
	want := []string{"ap-northeast-1", "eu-central-1", "eu-west-1", "eu-west-3", "us-east-1", "us-west-2"}
	if got := PriceRegions(); !slices.Equal(got, want) {
		t.Errorf("PriceRegions() = %v, want %v (update the header comment of prices.go too)", got, want)
	}
	has := map[string][]string{
		"eu-west-1":      {NATGatewayHour, NATGatewayGB, ALBLCUHour, PublicIPv4Hour, FargateVCPUHourX86, FargateVCPUHourARM, LambdaGBSecondX86, HTTPAPIMillionRequests, DynamoDBGBMonth, S3StandardGBMonth, CloudWatchLogsGBIngest},
		"us-west-2":      {NATGatewayHour, ALBHour, PublicIPv4Hour, FargateVCPUHourX86, FargateGBHourARM, S3ThousandGETs, RDSHour("postgres", "db.t4g.small"), KMSKeyMonth, CloudWatchLogsGBIngest, EC2Hour("t4g.small")},
		"eu-central-1":   {PublicIPv4Hour, FargateVCPUHourX86, FargateGBHourX86, LambdaGBSecondX86, S3StandardGBMonth, KMSKeyMonth, CloudWatchLogsGBIngest, EC2Hour("t4g.small")},
		"ap-northeast-1": {NATGatewayHour, NATGatewayGB, ALBHour, PublicIPv4Hour, FargateVCPUHourX86, FargateGBHourX86},
	}
	for region, keys := range has {
		for _, key := range keys {
			if _, ok := LookupPrice(key, region); !ok {
				t.Errorf("%s lacks %s, which the header comment says it has", region, key)
			}
		}
	}
	// us-east-1 has every key the table has but DynamoDB storage.
	for key := range prices {
		if _, ok := LookupPrice(key, "us-east-1"); !ok && key != DynamoDBGBMonth {
			t.Errorf("us-east-1 lacks %s, which the header comment says it has", key)
		}
	}
	// A region's price is its own page's, not another region's: the EC2
	// table stays us-east-1's.
	if _, ok := LookupPrice(EC2Hour("t3.micro"), "us-west-2"); ok {
		t.Error("t3.micro priced in us-west-2, whose EC2 prices the table has only for t4g.small")
	}
}

// TestEC2HeaderMatchesTable checks that the source and date read from the
// table's header alone (for rule texts, without parsing the types) are the
// ones the whole table's parse finds, and that they are set.
func TestEC2HeaderMatchesTable(t *testing.T) {
	h, full := ec2Header(), parseEC2Table(ec2TypesCSV)
	if h.source == "" || h.date.IsZero() {
		t.Fatalf("header parse found source %q, date %v", h.source, h.date)
	}
	if h.source != full.source || !h.date.Equal(full.date) {
		t.Errorf("header: %q %v; whole table: %q %v", h.source, h.date, full.source, full.date)
	}
	if len(h.types) != 0 {
		t.Errorf("header parse read %d instance types", len(h.types))
	}
}

// TestEC2TableParse checks the parse of the table's lines on a small table
// with a known answer, out of order on purpose (a family whose name is a
// prefix of another's, "u" and "u-3tb1", sorts after it), and that a line
// with a field too many or too few, or a type listed twice, is refused.
func TestEC2TableParse(t *testing.T) {
	tab := parseEC2Table("# source: x@1\n# date: 2026-01-02\nu.large,2,8,0,x86_64\nc6i.large,2,4096,0,x86_64\nt4g.nano,2,512,0,arm64\nu-3tb1.56xlarge,224,3145728,0,x86_64\nc6i.xlarge,4,8192,0,x86_64\n")
	want := InstanceType{Name: "c6i.xlarge", Family: "c6i", VCPUs: 4, MemoryMiB: 8192, Arch: "x86_64"}
	if got, ok := tab.lookup("c6i.xlarge"); !ok || got != want {
		t.Errorf("c6i.xlarge: %+v, want %+v", got, want)
	}
	for _, name := range []string{"c6i.large", "u.large", "u-3tb1.56xlarge", "t4g.nano"} {
		if got, ok := tab.lookup(name); !ok || got.Name != name {
			t.Errorf("lookup(%q) = %+v, %v", name, got, ok)
		}
	}
	if _, ok := tab.lookup("c6i.2xlarge"); ok {
		t.Error("c6i.2xlarge found")
	}
	if len(tab.types) != 5 || len(tab.family("c6i")) != 2 || len(tab.family("u")) != 1 || len(tab.family("u-3tb1")) != 1 || tab.family("c7i") != nil ||
		!slices.Equal(tab.names, []string{"c6i", "t4g", "u", "u-3tb1"}) || tab.source != "x@1" {
		t.Errorf("parsed %+v", tab)
	}
	if got := tab.family("c6i"); got[0].Name != "c6i.large" || got[1].Name != "c6i.xlarge" {
		t.Errorf("c6i: %+v", got)
	}
	for _, bad := range []string{"c6i.large,2,4096,0", "c6i.large,2,4096,0,x86_64,extra", "c6i.large,2,4096,0,x86_64\nc6i.large,2,4096,0,x86_64",
		"foo,1,1,0,x86_64\nfoo-x.large,1,1,0,x86_64\nfoo.large,1,1,0,x86_64"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("line %q was accepted", bad)
				}
			}()
			parseEC2Table(bad)
		}()
	}
}

// TestEC2PriceTable reads ec2_prices.csv line by line and requires every
// price line to be a type and a positive number that ec2Price finds, and
// a type the table lacks not to be found.
func TestEC2PriceTable(t *testing.T) {
	n := 0
	for _, line := range strings.Split(ec2PricesCSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, usd, ok := strings.Cut(line, ",")
		want, err := strconv.ParseFloat(usd, 64)
		if !ok || err != nil || want <= 0 || strings.ContainsAny(name, " ,") {
			t.Errorf("bad line %q", line)
			continue
		}
		if got, ok := ec2Price(name); !ok || got != want {
			t.Errorf("ec2Price(%q) = %v, %v; the line says %v", name, got, ok, want)
		}
		n++
	}
	if n < 1000 {
		t.Errorf("only %d prices", n)
	}
	// Names that are not one field of one line find nothing and do not
	// panic: one holding a line break could match across two lines, one
	// starting like a comment line would match that line.
	for _, missing := range []string{"t3.micr", "3.micro", "t3.micro,", "zz9.large", "",
		"a1.2xlarge,0.204000\na1.4xlarge", "#   pkg/providers/pricing/zz_generated.pricing_aws.go (InitialOnDemandPricesAWS"} {
		if _, ok := ec2Price(missing); ok {
			t.Errorf("ec2Price(%q) found a price", missing)
		}
		if _, ok := LookupPrice(EC2Hour(missing), "us-east-1"); ok {
			t.Errorf("LookupPrice(%q) found a price", missing)
		}
	}
}
