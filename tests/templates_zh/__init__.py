"""Tables of complete zh-CN messages, one module per family group (SCAMS, GENUINE, and for
public services SPOOFED), checked by tests/test_templates_zh_families.py."""
