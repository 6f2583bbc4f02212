using Intake.Functions;
using Intake.LocalHost;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddIntake(builder.Configuration);
builder.AddLocalFunctionsHost();
builder.Build().MapLocalFunctions().Run();
