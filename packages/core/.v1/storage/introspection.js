export {};
//# sourceMappingURL=introspection.js.map