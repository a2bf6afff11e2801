export { evaluateIpvsPacket } from './evaluate-ipvs-packet.ts';
export { formatIpsetSave } from './format-ipset-save.ts';
export { formatIpvsadm } from './format-ipvsadm.ts';
export { formatIpvsadmSave } from './format-ipvsadm-save.ts';
export { ipvsRules, ipvsRulesFromModel } from './ipvs-rules.ts';
export type { IpsetDefinition, IpvsRealServer, IpvsRuleset, IpvsVirtualServer } from './ipvs-ruleset.ts';
export { parseIpvsadmSave, safeParseIpvsadmSave } from './parse-ipvsadm-save.ts';
