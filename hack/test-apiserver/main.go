// neev-test-apiserver: the Kubernetes apiextensions API server, as shipped in Debian's
// golang-k8s-apiextensions-apiserver-dev, with the three changes that make kubectl usable
// against it (see DEVELOPERS.md, "The test control plane"):
//   - OpenAPI v2 is served (kubectl's client-side validation and `explain` read it);
//   - discovery stays on (the stock Complete() turns it off, so kubectl cannot map kinds);
//   - /api and /api/v1 answer with an empty core group (kubectl asks for them first).
// It serves CRDs and custom resources only: no core/v1, no RBAC, no controllers.
package main

import (
	"context"
	"net/http"
	"os"

	"github.com/spf13/cobra"

	"k8s.io/apiextensions-apiserver/pkg/apiserver"
	"k8s.io/apiextensions-apiserver/pkg/cmd/server/options"
	generatedopenapi "k8s.io/apiextensions-apiserver/pkg/generated/openapi"
	openapinamer "k8s.io/apiserver/pkg/endpoints/openapi"
	genericapiserver "k8s.io/apiserver/pkg/server"
	"k8s.io/apiserver/pkg/util/openapi"
	"k8s.io/client-go/kubernetes/scheme"
	"k8s.io/component-base/cli"
)

func main() {
	ctx := genericapiserver.SetupSignalContext()
	o := options.NewCustomResourceDefinitionsServerOptions(os.Stdout, os.Stderr)
	cmd := &cobra.Command{
		Use:   "neev-test-apiserver",
		Short: "A CRD-only Kubernetes API server for tests and local runs",
		PersistentPreRunE: func(*cobra.Command, []string) error {
			return o.ServerRunOptions.ComponentGlobalsRegistry.Set()
		},
		RunE: func(c *cobra.Command, _ []string) error {
			if err := o.Complete(); err != nil {
				return err
			}
			if err := o.Validate(); err != nil {
				return err
			}
			return run(c.Context(), o)
		},
	}
	cmd.SetContext(ctx)
	o.AddFlags(cmd.Flags())
	os.Exit(cli.Run(cmd))
}

func run(ctx context.Context, o *options.CustomResourceDefinitionsServerOptions) error {
	config, err := o.Config()
	if err != nil {
		return err
	}
	config.GenericConfig.OpenAPIConfig = genericapiserver.DefaultOpenAPIConfig(
		openapi.GetOpenAPIDefinitionsWithoutDisabledFeatures(generatedopenapi.GetOpenAPIDefinitions),
		openapinamer.NewDefinitionNamer(apiserver.Scheme, scheme.Scheme))

	completed := config.Complete()
	completed.GenericConfig.EnableDiscovery = true

	server, err := completed.New(genericapiserver.NewEmptyDelegate())
	if err != nil {
		return err
	}
	mux := server.GenericAPIServer.Handler.NonGoRestfulMux
	mux.Handle("/api", staticJSON(`{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[]}`))
	mux.Handle("/api/v1", staticJSON(`{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[]}`))
	return server.GenericAPIServer.PrepareRun().RunWithContext(ctx)
}

func staticJSON(body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	})
}
