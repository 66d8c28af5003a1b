-- The seed's mix for wrk: credentialed GETs from the trusted page, a preflight for a PUT with
-- its headers, and requests from an origin the policy does not list, in a fixed rotation.
local allowed = "https://app16.tenant16.example.com"
local requests = {}

function init(args)
  local get = {["Origin"] = allowed, ["Cookie"] = "session=4f9c2a", ["Sec-Fetch-Site"] = "cross-site"}
  local preflight = {["Origin"] = allowed, ["Access-Control-Request-Method"] = "PUT",
                     ["Access-Control-Request-Headers"] = "authorization,content-type,x-requested-with"}
  local refused = {["Origin"] = "https://app9999.tenant1.example.org", ["Sec-Fetch-Site"] = "cross-site"}
  for i = 1, 6 do requests[#requests + 1] = wrk.format("GET", "/api/items", get) end
  requests[#requests + 1] = wrk.format("OPTIONS", "/api/items", preflight)
  requests[#requests + 1] = wrk.format("GET", "/api/items", refused)
end

local n = 0
function request()
  n = n % #requests + 1
  return requests[n]
end
