# Writes the dashboard's CSS and scripts into a C++ header as string
# constants, so that the service serves the page from its binary alone.
#   cmake -DSOURCE_DIR=<this directory> -DOUTPUT=<header> -P embed_assets.cmake
set(assets
  kDashboardStyle dashboard.css
  kDashboardErrorScript dashboard_errors.js
  kDashboardScript dashboard.js)

set(header "// Generated from services/metrics/dashboard by embed_assets.cmake.\n")
string(APPEND header "#ifndef SAMSPAR_SERVICES_METRICS_DASHBOARD_DASHBOARD_ASSETS_H_\n")
string(APPEND header "#define SAMSPAR_SERVICES_METRICS_DASHBOARD_DASHBOARD_ASSETS_H_\n\n")
string(APPEND header "#include \"absl/strings/string_view.h\"\n\nnamespace samspar::metrics {\n\n")
while(assets)
  list(POP_FRONT assets name file)
  file(READ "${SOURCE_DIR}/${file}" content)
  string(FIND "${content}" ")asset\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains )asset\" and cannot be embedded as a raw string")
  endif()
  string(APPEND header "inline constexpr absl::string_view ${name} = R\"asset(${content})asset\";\n\n")
endwhile()
string(APPEND header "}  // namespace samspar::metrics\n\n")
string(APPEND header "#endif  // SAMSPAR_SERVICES_METRICS_DASHBOARD_DASHBOARD_ASSETS_H_\n")
file(WRITE "${OUTPUT}" "${header}")
