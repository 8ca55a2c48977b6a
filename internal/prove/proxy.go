package prove

import (
	"net"
	"net/http"
	"sort"
	"sync"
)

// fence is an HTTP proxy that refuses every request and remembers the hosts
// asked for. Programs run with HTTP_PROXY and HTTPS_PROXY naming it: Go's
// proxy selection (net/http's ProxyFromEnvironment, which the AWS SDK and
// Terraform use) never proxies loopback addresses, so traffic to the
// emulator on 127.0.0.1 goes there directly, and any other request, plain
// or a CONNECT for TLS, lands here instead of on the network.
type fence struct {
	srv  *http.Server
	addr string

	mu    sync.Mutex
	hosts map[string]int
}

func startFence() (*fence, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	f := &fence{addr: ln.Addr().String(), hosts: map[string]int{}}
	f.srv = &http.Server{Handler: http.HandlerFunc(f.refuse)}
	go f.srv.Serve(ln)
	return f, nil
}

func (f *fence) refuse(w http.ResponseWriter, r *http.Request) {
	host := r.Host
	if r.Method != http.MethodConnect && r.URL.Host != "" {
		host = r.URL.Host
	}
	f.mu.Lock()
	f.hosts[host]++
	f.mu.Unlock()
	http.Error(w, "scaffold prove: requests may only go to the emulator on 127.0.0.1, not to "+host, http.StatusForbidden)
}

// URL is the proxy's address for HTTP_PROXY.
func (f *fence) URL() string { return "http://" + f.addr }

// Hosts lists the hosts requested so far, sorted.
func (f *fence) Hosts() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var hs []string
	for h := range f.hosts {
		hs = append(hs, h)
	}
	sort.Strings(hs)
	return hs
}

func (f *fence) Close() { f.srv.Close() }

// fenceVars are the proxy variables naming f, upper and lower case,
// loopback exempt.
func fenceVars(f *fence) []string {
	return []string{
		"HTTP_PROXY=" + f.URL(), "HTTPS_PROXY=" + f.URL(), "ALL_PROXY=" + f.URL(),
		"http_proxy=" + f.URL(), "https_proxy=" + f.URL(), "all_proxy=" + f.URL(),
		"NO_PROXY=127.0.0.1,localhost", "no_proxy=127.0.0.1,localhost",
	}
}

// fencedEnv returns env with the proxy variables naming f, replacing any
// already set.
func fencedEnv(env []string, f *fence) []string {
	return setEnv(env, fenceVars(f)...)
}
