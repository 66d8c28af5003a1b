// The CORS middleware of rs/cors (Debian golang-github-rs-cors-dev 1.7.0, built in GOPATH mode),
// on the cases of corset's peers table: its own overhead per request, measured in-process as the
// handler wrapped by the middleware minus the handler alone, with Go's allocation counts.
//
// usage: rs_cors [-quick]   (prints one JSON object)
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"testing"

	"github.com/rs/cors"
)

// A ResponseWriter that keeps its header map between requests (cleared each time): no socket,
// no buffering, so that what is measured is the middleware.
type writer struct {
	header http.Header
	status int
}

func (w *writer) Header() http.Header         { return w.header }
func (w *writer) Write(b []byte) (int, error) { return len(b), nil }
func (w *writer) WriteHeader(status int)      { w.status = status }

type request struct {
	name, origin, method, requestMethod, requestHeaders string
}

func origins() []string {
	out := make([]string, 0, 17)
	for i := 1; i <= 16; i++ {
		out = append(out, fmt.Sprintf("https://app%d.tenant%d.example.com", i, i%61))
	}
	return out
}

func main() {
	testing.Init()
	quick := flag.Bool("quick", false, "a few iterations only (CI: the driver builds and runs)")
	flag.Parse()
	if *quick {
		_ = flag.Set("test.benchtime", "1000x")
	} else {
		_ = flag.Set("test.benchtime", "300ms")
	}

	// corset's bench policy: 16 exact origins, credentials, PUT and DELETE, three request
	// headers, one exposed header, max-age 600; and the pattern the subdomain case needs.
	c := cors.New(cors.Options{
		AllowedOrigins:   append(origins(), "https://*.example.com"),
		AllowedMethods:   []string{"GET", "POST", "HEAD", "PUT", "DELETE"},
		AllowedHeaders:   []string{"authorization", "content-type", "x-requested-with"},
		ExposedHeaders:   []string{"x-request-id"},
		AllowCredentials: true,
		MaxAge:           600,
	})
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(200) })
	wrapped := c.Handler(handler)

	requests := []request{
		{"actual_allowed", "https://app16.tenant16.example.com", "GET", "", ""},
		{"actual_refused", "https://app9999.tenant1.example.org", "GET", "", ""},
		{"preflight", "https://app16.tenant16.example.com", "OPTIONS", "PUT", "authorization,content-type,x-requested-with"},
		{"no_origin", "", "GET", "", ""},
		{"subdomain_match", "https://deep.sub.example.com", "GET", "", ""},
	}
	type result struct {
		Ns     float64 `json:"ns"`
		Allocs float64 `json:"allocs"`
		Bytes  float64 `json:"bytes"`
	}
	out := map[string]interface{}{"peer": "rs/cors", "version": "1.7.0 (Debian golang-github-rs-cors-dev)",
		"runtime": "go " + goVersion()}
	cases := map[string]result{}
	for _, q := range requests {
		r, _ := http.NewRequest(q.method, "http://api.example.com/api/items", nil)
		if q.origin != "" {
			r.Header.Set("Origin", q.origin)
		}
		if q.requestMethod != "" {
			r.Header.Set("Access-Control-Request-Method", q.requestMethod)
		}
		if q.requestHeaders != "" {
			r.Header.Set("Access-Control-Request-Headers", q.requestHeaders)
		}
		measure := func(h http.Handler) testing.BenchmarkResult {
			w := &writer{header: http.Header{}}
			return testing.Benchmark(func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					for k := range w.header {
						delete(w.header, k)
					}
					h.ServeHTTP(w, r)
				}
			})
		}
		on, off := measure(wrapped), measure(handler)
		per := func(x testing.BenchmarkResult) float64 { return float64(x.T.Nanoseconds()) / float64(x.N) }
		cases[q.name] = result{
			Ns:     per(on) - per(off),
			Allocs: float64(on.MemAllocs)/float64(on.N) - float64(off.MemAllocs)/float64(off.N),
			Bytes:  float64(on.MemBytes)/float64(on.N) - float64(off.MemBytes)/float64(off.N),
		}
	}
	out["cases"] = cases
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		os.Exit(1)
	}
}
