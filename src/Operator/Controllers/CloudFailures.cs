using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Runtime;

namespace NeevCloud.Operator.Controllers;

/// <summary>How cloud failures that no retry can fix read in status, the same for every resource.</summary>
public static class CloudFailures
{
    /// <summary>401/403: parked and retried slowly rather than hammered (design §6).</summary>
    public static bool IsCredentialProblem(NeevCloudApiException ex) => ex.Kind is CloudErrorKind.Unauthorized or CloudErrorKind.Forbidden;

    public static Readiness Unauthorized(NeevCloudApiException ex) => Readiness.IsStalled(
        "Unauthorized", $"NeevCloud refused the operator's credentials ({(int?)ex.StatusCode}); check the token Secret");
}
