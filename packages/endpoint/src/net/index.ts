/** Network: IP and CIDR parsing, allow/deny lists, client address behind trusted proxies. */
export {
  type ClientIpOptions,
  clientIp,
  createIpFilter,
  type IpFilter,
  type IpFilterOptions,
  type IpVerdict,
} from './filter';
export { type Cidr, cidrContains, formatIp, type IpAddress, ipRateKey, parseCidr, parseIp, tryParseIp } from './ip';
