using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Integration.Tests.Infrastructure;
using k8s;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Runtime;

namespace Integration.Tests.LocalRun;

/// <summary>
/// The README's first command, as a user runs it: hack/run-local.sh brings everything up, the
/// examples reach Ready against it, and Ctrl-C (SIGINT to its process group) stops all it started.
/// </summary>
public sealed class LocalRunTests(KubernetesFixture cluster)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_local_run_serves_the_examples_and_ctrl_c_stops_everything_it_started()
    {
        if (!cluster.IsLocalControlPlane)
        {
            Assert.Skip("skipped: the local run needs the local control plane (hack/control-plane.sh), not the configured backend");
        }

        var instance = LocalControlPlaneBackend.InstanceFor("local-run");
        var port = FreePort();
        var output = new StringBuilder();
        // setsid: the script leads its own process group, so SIGINT reaches it as Ctrl-C in a terminal would.
        var start = new ProcessStartInfo("setsid", [RepositoryPaths.Combine("hack", "run-local.sh")])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["NEEV_CP_NAME"] = instance, ["NEEV_NO_BUILD"] = "1", ["NEEV_OPERATOR_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        using var script = Process.Start(start)!;
        script.OutputDataReceived += (_, e) => Append(output, e.Data);
        script.ErrorDataReceived += (_, e) => Append(output, e.Data);
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();
        try
        {
            await Eventually.AssertAsync(() => Assert.Contains("==> operator (logs follow)", Text(output), StringComparison.Ordinal), TimeSpan.FromMinutes(5), _ct);
            var kubeconfig = Text(output).Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("export KUBECONFIG=", StringComparison.Ordinal))["export KUBECONFIG=".Length..];

            using var kubernetes = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
            var kubectl = new Kubectl(kubeconfig, _ct);
            Task Kubectl(params string[] args) => kubectl.RunAsync(args);

            // The README's tour, command by command.
            await Kubectl("apply", "-f", "examples/");
            await Kubectl("get", "neevcloud");
            await Kubectl("wait", "--for=condition=Ready", "nvm", "--all", "--timeout=120s");
            await Kubectl("describe", "nvm", "trainer");
            await Kubectl("patch", "nvm", "web", "--type", "merge", "-p", """{"spec":{"powerState":"Stopped"}}""");
            await Kubectl("wait", "--for=jsonpath={.status.phase}=stopped", "nvm/web", "--timeout=60s");
            await Kubectl("patch", "nvm", "web", "--type", "merge", "-p", """{"spec":{"powerState":"Running"}}""");
            await Kubectl("patch", "nvm", "web", "--type", "merge", "-p", """{"spec":{"restartRequestedAt":"2026-12-01T10:00:00Z"}}""");

            var vms = new EntityClient<VirtualMachine>(kubernetes);
            await Eventually.AssertAsync(async () =>
            {
                var web = await vms.GetAsync("default", "web", _ct);
                Assert.Equal(("2026-12-01T10:00:00Z", "running"), (web?.Status.LastHandledRestartRequestedAt, web?.Status.Phase));
                Assert.True(Conditions.IsTrue(web!.Status.Conditions, ConditionTypes.Ready));
            }, TimeSpan.FromMinutes(1), _ct);
            using var http = new HttpClient();
            Assert.Equal("ok", await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/healthz"), _ct));
            await Kubectl("delete", "nvm", "web", "--timeout=60s");
            await Kubectl("get", "nrd", "web-root");
            await Kubectl("delete", "nrd", "web-root", "--timeout=60s");
            await Kubectl("delete", "-f", "examples/", "--ignore-not-found", "--timeout=120s");
            Assert.Empty((await vms.ListAsync(null, null, null, 100, _ct)).Items);

            await ProcessRunner.RunAsync("kill", ["-INT", "--", $"-{script.Id}"], cancellationToken: _ct);
            await script.WaitForExitAsync(_ct).WaitAsync(TimeSpan.FromMinutes(1), _ct);
            Assert.Contains("==> stopped", Text(output), StringComparison.Ordinal);
            var status = await ProcessRunner.RunAsync(
                RepositoryPaths.Combine("hack", "control-plane.sh"), ["status"], environment: new Dictionary<string, string> { ["NEEV_CP_NAME"] = instance }, cancellationToken: _ct);
            Assert.True(status.ExitCode != 0, $"the control plane the local run started is still up:\n{status}");
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/healthz"), _ct));
        }
        finally
        {
            if (!script.HasExited)
            {
                await ProcessRunner.RunAsync("kill", ["-KILL", "--", $"-{script.Id}"], cancellationToken: CancellationToken.None);
            }

            await ProcessRunner.RunAsync(
                RepositoryPaths.Combine("hack", "control-plane.sh"), ["down"], environment: new Dictionary<string, string> { ["NEEV_CP_NAME"] = instance }, cancellationToken: CancellationToken.None);
            TestContext.Current.SendDiagnosticMessage(Text(output));
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
